from django.apps import AppConfig


def _minutes(sender, *, item, minutes, by, **kwargs):
    from . import services  # here, not at the top: services import models, loaded only once apps are ready

    services.on_panel_minutes(item=item, minutes=minutes, by=by)


def _decided(sender, *, item, decision, by, **kwargs):
    from . import services  # here, not at the top: services import models, loaded only once apps are ready

    services.on_adm_decision(item=item, decision=decision, by=by)


class MatchingConfig(AppConfig):
    name = "permanence.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Family finding and matching"

    def ready(self):
        # A match follows its panel item: the panel's minutes and the decision on them are
        # recorded in meetings, which sends these signals (meetings never imports matching).
        from permanence.meetings import signals

        signals.panel_minutes_recorded.connect(_minutes, dispatch_uid="matching-panel-minutes")
        signals.adm_decided.connect(_decided, dispatch_uid="matching-adm-decided")
