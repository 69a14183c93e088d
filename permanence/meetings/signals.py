"""What a panel sends when it records its minutes, and the Agency Decision Maker when they decide.

Family finding (a feature above meetings) listens, so a match follows its panel item without
meetings importing it (DESIGN: a lower layer never imports a higher one; features register).
"""

from django.dispatch import Signal

# Sent with item=PanelItem, minutes=PanelMinutes, by=the person who recorded them.
panel_minutes_recorded = Signal()
# Sent with item=PanelItem, decision=ADMDecision, by=the Agency Decision Maker.
adm_decided = Signal()
