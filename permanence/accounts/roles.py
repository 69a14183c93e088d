"""The roles people hold in children's services, as the product knows them."""

SOCIAL_WORKER = "social_worker"
TEAM_MANAGER = "team_manager"
IRO = "iro"
FAMILY_FINDER = "family_finder"
PANEL_MEMBER = "panel_member"
ADM = "adm"
SERVICE_MANAGER = "service_manager"
PERFORMANCE_ANALYST = "performance_analyst"
ADMINISTRATOR = "administrator"

ROLES = [
    (SOCIAL_WORKER, "Social worker"),
    (TEAM_MANAGER, "Team manager"),
    (IRO, "Independent Reviewing Officer"),
    (FAMILY_FINDER, "Family finder"),
    (PANEL_MEMBER, "Permanence panel member"),
    (ADM, "Agency Decision Maker"),
    (SERVICE_MANAGER, "Service manager"),
    (PERFORMANCE_ANALYST, "Performance analyst"),
    (ADMINISTRATOR, "System administrator"),
]
ROLE_NAMES = dict(ROLES)
