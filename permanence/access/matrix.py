"""The role matrix: which capabilities each role holds, and which capability each page needs.

Pure data and functions, no Django imports, so docs/access.md and the tests read the same table.
Case access (which children) is decided separately in `rules.py`: a capability says what a
role may do, allocation says to whom.
"""

from permanence.accounts.roles import (  # plain constants, no Django
    ADM, ADMINISTRATOR, FAMILY_FINDER, IRO, PANEL_MEMBER, PERFORMANCE_ANALYST, SERVICE_MANAGER, SOCIAL_WORKER, TEAM_MANAGER,
)
ALL_ROLES = (SOCIAL_WORKER, TEAM_MANAGER, IRO, FAMILY_FINDER, PANEL_MEMBER, ADM, SERVICE_MANAGER,
             PERFORMANCE_ANALYST, ADMINISTRATOR)

# Capabilities -----------------------------------------------------------------------------
SIGNED_IN = "signed_in"              # the home page, signing out, your own actions, two-factor
VIEW_CHILD = "view_child"            # open a child's record (still only the children in case scope)
EDIT_CHILD = "edit_child"            # record on a child's record (POST to a child's pages)
SEARCH = "search"                    # find a child by name (results still filtered by case scope)
DASHBOARDS = "dashboards"            # drift dashboard and trackers (pseudonymised for analysts)
MEETINGS = "meetings"                # clinics, tracking meetings, panels
REFERENCE = "reference"              # legal routes and guidance pages, no personal data
BREAK_GLASS = "break_glass"          # time-limited access to a child outside scope, with a reason
AUDIT_READ = "audit_read"            # "who has looked at this record" for any child
RETENTION = "retention"              # the retention review report
PSEUDONYMISED = "pseudonymised"      # sees pseudonyms in place of names wherever names appear
ADMIN_SITE = "admin_site"            # Django admin (accounts and teams)
IMPORT_RETURN = "import_return"      # read a council's SSDA903 files into the record
CREATE_CHILD = "create_child"        # open a new child's record (the API; the case system's referral feed)
RESTRICT = "restrict"                # restrict a record, name who may open it, end break-glass grants
ALL_CAPABILITIES = (SIGNED_IN, VIEW_CHILD, EDIT_CHILD, SEARCH, DASHBOARDS, MEETINGS, REFERENCE, BREAK_GLASS,
                    AUDIT_READ, RETENTION, PSEUDONYMISED, ADMIN_SITE, IMPORT_RETURN, CREATE_CHILD, RESTRICT)

_CASEWORK = {SIGNED_IN, VIEW_CHILD, SEARCH, DASHBOARDS, MEETINGS, REFERENCE, BREAK_GLASS}

CAPABILITIES = {
    SOCIAL_WORKER: _CASEWORK | {EDIT_CHILD, CREATE_CHILD},
    TEAM_MANAGER: _CASEWORK | {EDIT_CHILD, CREATE_CHILD},
    IRO: _CASEWORK | {EDIT_CHILD},
    FAMILY_FINDER: _CASEWORK | {EDIT_CHILD},
    PANEL_MEMBER: _CASEWORK,                       # reads panel papers; records nothing on the child
    ADM: _CASEWORK | {EDIT_CHILD},
    SERVICE_MANAGER: _CASEWORK | {EDIT_CHILD, AUDIT_READ, RETENTION, IMPORT_RETURN, CREATE_CHILD, RESTRICT},
    PERFORMANCE_ANALYST: {SIGNED_IN, DASHBOARDS, REFERENCE, PSEUDONYMISED},
    ADMINISTRATOR: {SIGNED_IN, REFERENCE, AUDIT_READ, RETENTION, ADMIN_SITE, PSEUDONYMISED, IMPORT_RETURN},
}

# Which children each role's case scope covers (rules.visible_children implements these).
CASE_SCOPE = {
    SOCIAL_WORKER: "children allocated to them or to their team",
    TEAM_MANAGER: "children allocated to the teams they manage (or their own team), and to themselves",
    IRO: "children they are the allocated IRO for",
    FAMILY_FINDER: "children whose current plan (primary or parallel) is adoption or long-term fostering",
    PANEL_MEMBER: "children on a permanence panel agenda",
    ADM: "children on a permanence panel agenda, and children whose current plan includes adoption",
    SERVICE_MANAGER: "every child in the service",
    PERFORMANCE_ANALYST: "no child records; dashboards and trackers with pseudonyms",
    ADMINISTRATOR: "no child records; the audit trail and retention report",
}
# Restricted records (a child related to a member of staff, a sealed adoption record) are
# outside every scope above: only the people named on the restriction, and a break-glass grant, open them.

# Pages --------------------------------------------------------------------------------------
# URL name -> capability. A child-scoped page (its URL carries a child id) also needs the
# child to be in the person's case scope. A child-scoped page not named here needs VIEW_CHILD
# (and EDIT_CHILD to post): deny unless allowed.
PAGE_CAPABILITY = {
    "home": SIGNED_IN,
    "logout": SIGNED_IN,
    "my-actions": SIGNED_IN,
    "action-done": SIGNED_IN,
    "two-factor": SIGNED_IN,
    "two-factor-setup": SIGNED_IN,
    "api-tokens": SIGNED_IN,             # your own API tokens (they act as you, never more)
    "child-search": SEARCH,
    "drift-dashboard": DASHBOARDS,
    "tracker-list": DASHBOARDS,
    "tracker": DASHBOARDS,
    "meetings": MEETINGS,
    "clinic-list": MEETINGS,
    "clinic-detail": MEETINGS,
    "tracking-list": MEETINGS,
    "tracking-detail": MEETINGS,
    "tracking-pack": MEETINGS,
    "panel-list": MEETINGS,
    "panel-detail": MEETINGS,
    # Family finding and stability lists name children: casework roles only (never pseudonymised views).
    "matching-home": MEETINGS,
    "matching-carers": MEETINGS,
    "matching-carer": MEETINGS,
    "matching-carer-edit": MEETINGS,
    "matching-match": MEETINGS,
    "matching-plan": MEETINGS,
    "stability": MEETINGS,
    "stability-learning": MEETINGS,
    "support-contact-session-new": MEETINGS,
    "support-action-done": MEETINGS,
    # Performance figures and the statutory return (no names); importing changes the record.
    "performance": DASHBOARDS,
    "performance-download": DASHBOARDS,
    "return-903": DASHBOARDS,
    "return-903-download": DASHBOARDS,
    "return-903-import": IMPORT_RETURN,
    "legal-routes": REFERENCE,
    "cao-eligibility": REFERENCE,
    "retention-report": RETENTION,
    # child-scoped pages with their own rule
    "break-glass": BREAK_GLASS,          # exempt from the case check: it is how you get access
    "record-access": RESTRICT,           # exempt too: a restricted record is outside every scope
    "child-audit": VIEW_CHILD,           # or AUDIT_READ, which needs no case access
}
# API operations (operation id -> the capabilities it needs, all of them). Checked when the token
# is read, before the request body is even looked at; an operation not named here is refused
# (deny unless allowed). Child-scoped operations also need the child in the owner's case scope.
_READ, _WRITE = (VIEW_CHILD,), (EDIT_CHILD,)
API_CAPABILITY = {
    # children and their case record
    "list_children": _READ, "create_child": (CREATE_CHILD,), "get_child": _READ, "update_child": _WRITE,
    "list_family": _READ, "add_relative": _WRITE,
    "list_episodes": _READ, "create_episode": _WRITE, "close_episode": _WRITE,
    "list_orders": _READ, "create_order": _WRITE, "list_reviews": _READ, "create_review": _WRITE,
    "list_proceedings": _READ, "create_proceedings": _WRITE, "update_proceedings": _WRITE,
    "add_hearing": _WRITE, "add_extension": _WRITE,
    "list_obligations": _READ,
    # planning
    "list_plans": _READ, "record_plan": _WRITE, "move_plan_stage": _WRITE,
    "list_decisions": _READ, "record_decision": _WRITE,
    "list_options_analyses": _READ, "start_options_analysis": _WRITE, "assess_option": _WRITE,
    "recommend_option": _WRITE,
    # trackers (pseudonymised for analysts)
    "list_trackers": (DASHBOARDS,), "get_tracker": (DASHBOARDS,),
    # family finding: the register names carers; changing it is casework, not a panel member's
    "list_carers": (MEETINGS,), "get_carer": (MEETINGS,),
    "add_to_register": (MEETINGS, EDIT_CHILD), "update_register": (MEETINGS, EDIT_CHILD),
    "get_family_finding": _READ, "start_family_finding": _WRITE, "get_shortlist": _READ,
    "list_child_matches": _READ, "create_match": _WRITE, "get_match": (MEETINGS,),
    # contact and support
    "list_contact_plans": _READ, "create_contact_plan": _WRITE, "create_contact_session": _WRITE,
}


def api_allows(role, operation_id):
    needed = API_CAPABILITY.get(operation_id)
    return needed is not None and all(has(role, capability) for capability in needed)


# Pages that need no sign-in at all.
PUBLIC_PAGES = {"login"}
# Child-scoped pages that skip the case-scope check (their own rule applies).
CASE_CHECK_EXEMPT = {"break-glass", "record-access"}
# Child-scoped pages that AUDIT_READ opens without case access.
AUDIT_PAGES = {"child-audit"}


def has(role, capability):
    return capability in CAPABILITIES.get(role, set())


def page_capability(url_name, *, child_scoped, method="GET"):
    """The capability a request needs. Unknown pages: child pages need VIEW_CHILD/EDIT_CHILD."""
    capability = PAGE_CAPABILITY.get(url_name)
    if child_scoped and (capability is None or capability == VIEW_CHILD):
        return EDIT_CHILD if method not in ("GET", "HEAD", "OPTIONS") else VIEW_CHILD
    return capability or SIGNED_IN


def allows(role, url_name, *, child_scoped, method="GET", in_scope=False):
    """Whether `role` may open the page; `in_scope` says whether the child is in their case scope."""
    if url_name in PUBLIC_PAGES:
        return True
    capability = page_capability(url_name, child_scoped=child_scoped, method=method)
    if url_name in AUDIT_PAGES and has(role, AUDIT_READ):
        return True
    if not has(role, capability):
        return False
    if child_scoped and url_name not in CASE_CHECK_EXEMPT:
        return in_scope
    return True
