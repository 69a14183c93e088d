"""The role matrix: which capabilities each role holds, and which capability each page needs.

Pure data and functions, no Django imports, so docs/access.md and the tests read the same table.
Case access (which children) is decided separately in `rules.py`: a capability says what a
role may do, allocation says to whom.
"""

from permanence.accounts.roles import (  # plain constants, no Django
    ADM,
    ADMINISTRATOR,
    FAMILY_FINDER,
    IRO,
    PANEL_MEMBER,
    PERFORMANCE_ANALYST,
    ROLE_NAMES,
    SERVICE_MANAGER,
    SOCIAL_WORKER,
    TEAM_MANAGER,
)

ALL_ROLES = (
    SOCIAL_WORKER,
    TEAM_MANAGER,
    IRO,
    FAMILY_FINDER,
    PANEL_MEMBER,
    ADM,
    SERVICE_MANAGER,
    PERFORMANCE_ANALYST,
    ADMINISTRATOR,
)

# Capabilities -----------------------------------------------------------------------------
SIGNED_IN = "signed_in"  # the home page, signing out, your own actions, two-factor
VIEW_CHILD = "view_child"  # open a child's record (still only the children in case scope)
EDIT_CHILD = "edit_child"  # record on a child's record (POST to a child's pages)
SEARCH = "search"  # find a child by name (results still filtered by case scope)
DASHBOARDS = "dashboards"  # drift dashboard and trackers (pseudonymised for analysts)
MEETINGS = "meetings"  # clinics, tracking meetings, panels
REFERENCE = "reference"  # legal routes and guidance pages, no personal data
BREAK_GLASS = "break_glass"  # time-limited access to a child outside scope, with a reason
AUDIT_READ = "audit_read"  # "who has looked at this record" for any child
RETENTION = "retention"  # the retention review report
PSEUDONYMISED = "pseudonymised"  # sees pseudonyms in place of names wherever names appear
ADMIN_SITE = "admin_site"  # Django admin (accounts and teams)
IMPORT_RETURN = "import_return"  # read a council's SSDA903 files into the record
SUBMIT_RETURN = "submit_return"  # download the SSDA903 return to submit it (real identifiers, every child)
CREATE_CHILD = "create_child"  # open a new child's record (the API; the case system's referral feed)
RESTRICT = "restrict"  # restrict a record, name who may open it, end break-glass grants
CASE_SYSTEM_FEED = "case_system_feed"  # the SSD feed's runs, counts and problems (names case system ids, not children)
PANEL_ARRANGE = "panel_arrange"  # set up a panel sitting: its date, chair, members and advisers
PANEL_RECORD = "panel_record"  # record a panel's minutes and recommendation (only as its chair, vice chair or adviser)
ADM_DECIDE = "adm_decide"  # the Agency Decision Maker's decision on a panel's recommendation
# Who records which facts of the case record (the "Record" menu, its pages and the API):
RECORD_CASE = "record_case"  # the child's worker and managers: care, moves, orders, proceedings, visits ...
RECORD_REVIEW = "record_review"  # the IRO records the looked-after review they chaired
ALLOCATE = "allocate"  # a team manager allocates a social worker, team and IRO
RECORD_CARERS = "record_carers"  # carer households and their approvals
ALL_CAPABILITIES = (
    SIGNED_IN,
    VIEW_CHILD,
    EDIT_CHILD,
    SEARCH,
    DASHBOARDS,
    MEETINGS,
    REFERENCE,
    BREAK_GLASS,
    AUDIT_READ,
    RETENTION,
    PSEUDONYMISED,
    ADMIN_SITE,
    IMPORT_RETURN,
    CREATE_CHILD,
    RESTRICT,
    CASE_SYSTEM_FEED,
    PANEL_ARRANGE,
    PANEL_RECORD,
    ADM_DECIDE,
    RECORD_CASE,
    RECORD_REVIEW,
    ALLOCATE,
    RECORD_CARERS,
    SUBMIT_RETURN,
)
# What each capability allows, in words (docs/access.md"s table is made from these).
MEANING = {
    SIGNED_IN: "the home page, signing out, your own actions, two-factor",
    VIEW_CHILD: "open a child's record (still only the children in case scope)",
    EDIT_CHILD: "record on a child's record (POST to a child's pages)",
    SEARCH: "find a child by name (results still filtered by case scope)",
    DASHBOARDS: "drift dashboard and trackers (pseudonymised for analysts)",
    MEETINGS: "clinics, tracking meetings, panels",
    REFERENCE: "legal routes and guidance pages, no personal data",
    BREAK_GLASS: "time-limited access to a child outside scope, with a reason",
    AUDIT_READ: "“Who has looked at this record” for any child",
    RETENTION: "the retention review report",
    PSEUDONYMISED: "sees pseudonyms in place of names wherever names appear",
    ADMIN_SITE: "Django admin (accounts and teams)",
    IMPORT_RETURN: "read a council's SSDA903 files into the record",
    SUBMIT_RETURN: "download the SSDA903 return to submit it (real identifiers, every child)",
    CREATE_CHILD: "open a new child's record (the API; the case system's referral feed)",
    RESTRICT: "restrict a record, name who may open it, end break-glass grants",
    CASE_SYSTEM_FEED: "the SSD feed's runs, counts and problems (names case system ids, not children)",
    PANEL_ARRANGE: "set up a panel sitting: its date, chair, members and advisers",
    PANEL_RECORD: "record a panel's minutes and recommendation (only as its chair, vice chair or adviser)",
    ADM_DECIDE: "the Agency Decision Maker's decision on a panel's recommendation",
    RECORD_CASE: "the child's worker and managers: care, moves, orders, proceedings, visits ...",
    RECORD_REVIEW: "the IRO records the looked-after review they chaired",
    ALLOCATE: "a team manager allocates a social worker, team and IRO",
    RECORD_CARERS: "carer households and their approvals",
}
# Capabilities that are themselves the permission to write one kind of record about a child the
# person may see: the case check asks only that they may see the child (a panel member reads the
# record and records nothing else on it; the ADM's decision is theirs alone).
CASE_READ_WRITES = frozenset({PANEL_RECORD, ADM_DECIDE})

_CASEWORK = {SIGNED_IN, VIEW_CHILD, SEARCH, DASHBOARDS, MEETINGS, REFERENCE, BREAK_GLASS}

CAPABILITIES = {
    SOCIAL_WORKER: _CASEWORK | {EDIT_CHILD, CREATE_CHILD, RECORD_CASE},
    TEAM_MANAGER: _CASEWORK | {EDIT_CHILD, CREATE_CHILD, RECORD_CASE, ALLOCATE, RECORD_CARERS},
    IRO: _CASEWORK | {EDIT_CHILD, RECORD_REVIEW},
    FAMILY_FINDER: _CASEWORK | {EDIT_CHILD, RECORD_CARERS},
    # Reads panel papers; records nothing on the child's record beyond the panel's own minutes,
    # and those only as the chair, a vice chair or the adviser of that panel.
    PANEL_MEMBER: _CASEWORK | {PANEL_ARRANGE, PANEL_RECORD},
    ADM: _CASEWORK | {EDIT_CHILD, ADM_DECIDE},
    SERVICE_MANAGER: _CASEWORK
    | {
        EDIT_CHILD,
        AUDIT_READ,
        RETENTION,
        IMPORT_RETURN,
        SUBMIT_RETURN,
        CREATE_CHILD,
        RESTRICT,
        CASE_SYSTEM_FEED,
        PANEL_ARRANGE,
        RECORD_CASE,
        RECORD_REVIEW,
        ALLOCATE,
        RECORD_CARERS,
    },
    PERFORMANCE_ANALYST: {SIGNED_IN, DASHBOARDS, REFERENCE, PSEUDONYMISED},
    ADMINISTRATOR: {
        SIGNED_IN,
        REFERENCE,
        AUDIT_READ,
        RETENTION,
        ADMIN_SITE,
        PSEUDONYMISED,
        IMPORT_RETURN,
        CASE_SYSTEM_FEED,
    },
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
    "api-tokens": SIGNED_IN,  # your own API tokens (they act as you, never more)
    "print-css": SIGNED_IN,  # the print style sheet carrying the protective marking
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
    "iro-desk": MEETINGS,  # reviews to chair and open escalations (children filtered by case scope)
    "escalation-new": RECORD_REVIEW,  # child-scoped: the IRO raises a concern about the plan
    "decisions-report": RECORD_REVIEW,  # child-scoped: the IRO records the review's decisions
    "panel-list": MEETINGS,
    "panel-detail": MEETINGS,
    "panel-new": PANEL_ARRANGE,
    "panel-minutes": PANEL_RECORD,  # child-scoped: the item's child must be one the person may see
    "adm-decision": ADM_DECIDE,  # child-scoped, as above
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
    "return-903-download": SUBMIT_RETURN,
    "return-903-import": IMPORT_RETURN,
    "return-903-upload": IMPORT_RETURN,
    "return-903-upload-file": IMPORT_RETURN,
    "legal-routes": REFERENCE,
    "cao-eligibility": REFERENCE,
    "retention-report": RETENTION,
    # The case system feed: runs and what they reported (case system person ids, never names).
    "ssd-feed": CASE_SYSTEM_FEED,
    "ssd-feed-run": CASE_SYSTEM_FEED,
    "ssd-feed-problems": CASE_SYSTEM_FEED,
    # the Background jobs page: each job's last run, and Run now
    "jobs": ADMIN_SITE,
    "job-run": ADMIN_SITE,
    # child-scoped pages with their own rule
    "break-glass": BREAK_GLASS,  # exempt from the case check: it is how you get access
    "record-access": RESTRICT,  # exempt too: a restricted record is outside every scope
    "child-audit": VIEW_CHILD,  # or AUDIT_READ, which needs no case access
}
# API operations (operation id -> the capabilities it needs, all of them). Checked when the token
# is read, before the request body is even looked at; an operation not named here is refused
# (deny unless allowed). Child-scoped operations also need the child in the owner's case scope.
_READ, _WRITE = (VIEW_CHILD,), (EDIT_CHILD,)
API_CAPABILITY = {
    # children and their case record
    "list_children": _READ,
    "create_child": (CREATE_CHILD,),
    "get_child": _READ,
    "update_child": _WRITE,
    "list_family": _READ,
    "add_relative": _WRITE,
    "list_episodes": _READ,
    "create_episode": _WRITE,
    "close_episode": _WRITE,
    "list_orders": _READ,
    "create_order": _WRITE,
    "list_reviews": _READ,
    "create_review": _WRITE,
    "list_proceedings": _READ,
    "create_proceedings": _WRITE,
    "update_proceedings": _WRITE,
    "add_hearing": _WRITE,
    "add_extension": _WRITE,
    "list_obligations": _READ,
    # planning
    "list_plans": _READ,
    "record_plan": _WRITE,
    "move_plan_stage": _WRITE,
    "list_decisions": _READ,
    "record_decision": _WRITE,
    "list_options_analyses": _READ,
    "start_options_analysis": _WRITE,
    "assess_option": _WRITE,
    "recommend_option": _WRITE,
    # trackers (pseudonymised for analysts)
    "list_trackers": (DASHBOARDS,),
    "get_tracker": (DASHBOARDS,),
    # family finding: the register names carers; changing it is casework, not a panel member's
    "list_carers": (MEETINGS,),
    "get_carer": (MEETINGS,),
    "add_to_register": (MEETINGS, EDIT_CHILD),
    "update_register": (MEETINGS, EDIT_CHILD),
    "get_family_finding": _READ,
    "start_family_finding": _WRITE,
    "get_shortlist": _READ,
    "list_child_matches": _READ,
    "create_match": _WRITE,
    "get_match": (MEETINGS,),
    # contact and support
    "list_contact_plans": _READ,
    "create_contact_plan": _WRITE,
    "create_contact_session": _WRITE,
}

# API operations that change the record -> the kind of fact they change (children/ownership.py).
# Beside a case system, an operation on a fact the case system owns is refused whoever asks;
# every operation that changes something must be named here (the API refuses to start otherwise).
API_FACT = {
    "create_child": "child",
    "update_child": "child",
    "add_relative": "family",
    "create_episode": "episode",
    "close_episode": "episode",
    "create_order": "order",
    "create_review": "review",
    "create_proceedings": "proceedings",  # pre-proceedings dates within are the case system's (the feed writes them)
    "update_proceedings": "proceedings",
    "add_hearing": "proceedings",
    "add_extension": "proceedings",
    "record_plan": "plan",
    "move_plan_stage": "plan",
    "record_decision": "decision",
    "start_options_analysis": "options_analysis",
    "assess_option": "options_analysis",
    "recommend_option": "options_analysis",
    "add_to_register": "carer",
    "update_register": "carer",
    "start_family_finding": "match",
    "create_match": "match",
    "create_contact_plan": "contact_plan",
    "create_contact_session": "contact_plan",
}


# The living case record: each fact, who records it (a capability above), and which owner's fact
# it is beside a case system (permanence.children.ownership). A kind's pages are
# "record-<kind>" (record a new one) and "correct-<kind>" (update or correct one recorded);
# its API operations record_<kind>, list_recorded_<kind> and correct_<kind>.
RECORDS = {
    "relative": (RECORD_CASE, "family"),
    "allocation": (ALLOCATE, "allocation"),
    "care_start": (RECORD_CASE, "episode"),
    "move": (RECORD_CASE, "episode"),
    "legal_status": (RECORD_CASE, "episode"),
    "care_end": (RECORD_CASE, "episode"),
    "temporary_approval": (RECORD_CASE, "placement"),
    "long_term": (RECORD_CASE, "placement"),
    "order": (RECORD_CASE, "order"),
    "order_change": (RECORD_CASE, "order"),
    "proceedings": (RECORD_CASE, "proceedings"),
    "hearing": (RECORD_CASE, "proceedings"),
    "extension": (RECORD_CASE, "proceedings"),
    "review": (RECORD_REVIEW, "review"),
    "visit": (RECORD_CASE, "visit"),
    "health_assessment": (RECORD_CASE, "health"),
    "dental_check": (RECORD_CASE, "health"),
    "education_plan": (RECORD_CASE, "education"),
    "statutory_plan": (RECORD_CASE, "care_plan"),
    "missing": (RECORD_CASE, "missing"),
}
# Kinds recorded elsewhere but corrected through the same page (the child's details, episodes).
CORRECTIONS = {
    **{kind: rule for kind, rule in RECORDS.items() if kind not in ("care_start", "move", "legal_status", "care_end")},
    "child": (RECORD_CASE, "child"),
    "episode": (RECORD_CASE, "episode"),
}
for _kind, (_capability, _fact) in RECORDS.items():
    PAGE_CAPABILITY[f"record-{_kind}"] = _capability
    API_CAPABILITY[f"record_{_kind}"] = (_capability,)
    API_FACT[f"record_{_kind}"] = _fact
for _kind, (_capability, _fact) in CORRECTIONS.items():
    PAGE_CAPABILITY[f"correct-{_kind}"] = _capability
    API_CAPABILITY[f"correct_{_kind}"] = (_capability,)
    API_FACT[f"correct_{_kind}"] = _fact
    API_CAPABILITY[f"list_recorded_{_kind}"] = _READ
# A new child (not yet in anyone's case scope) and the carer households.
PAGE_CAPABILITY["child-new"] = CREATE_CHILD
PAGE_CAPABILITY["carer-new"] = RECORD_CARERS
PAGE_CAPABILITY["carer-edit"] = RECORD_CARERS
PAGE_CAPABILITY["carer-approval-new"] = RECORD_CARERS
for _operation, _capability, _fact in (
    ("record_carer", RECORD_CARERS, "carer"),
    ("correct_carer", RECORD_CARERS, "carer"),
    ("record_carer_approval", RECORD_CARERS, "carer"),
):
    API_CAPABILITY[_operation] = (_capability,)
    API_FACT[_operation] = _fact
# The older operations on the same facts ask for the same capability as their pages.
for _operation, _capability in (
    ("update_child", RECORD_CASE),
    ("add_relative", RECORD_CASE),
    ("create_episode", RECORD_CASE),
    ("close_episode", RECORD_CASE),
    ("create_order", RECORD_CASE),
    ("create_review", RECORD_REVIEW),
    ("create_proceedings", RECORD_CASE),
    ("update_proceedings", RECORD_CASE),
    ("add_hearing", RECORD_CASE),
    ("add_extension", RECORD_CASE),
):
    API_CAPABILITY[_operation] = (_capability,)


def records_allowed(role):
    """The kinds of fact `role` may record, in the order of RECORDS."""
    return [kind for kind, (capability, _) in RECORDS.items() if has(role, capability)]


def api_allows(role, operation_id):
    needed = API_CAPABILITY.get(operation_id)
    return needed is not None and all(has(role, capability) for capability in needed)


# Pages that need no sign-in at all.
PUBLIC_PAGES = {"login", "health", "oidc_authentication_init", "oidc_authentication_callback"}
# Child-scoped pages that skip the case-scope check (their own rule applies).
CASE_CHECK_EXEMPT = {"break-glass", "record-access"}
# Child-scoped pages that AUDIT_READ opens without case access.
AUDIT_PAGES = {"child-audit"}


def has(role, capability):
    return capability in CAPABILITIES.get(role, set())


def works_with_children(role):
    """Whether the role's work is about children (their records, or dashboards of them); a system
    administrator's is not, so their start page is the service's administration, not a caseload."""
    return has(role, VIEW_CHILD) or has(role, DASHBOARDS)


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


# --- docs/access.md: its two tables are made here, and a test compares them with the file ---------------
GENERATED = "<!-- made by permanence.access.matrix.{name}(); permanence/access/tests/test_access_doc.py compares -->"
END = "<!-- end of {name}() -->"


def _block(name, rows):
    return "\n".join([GENERATED.format(name=name), "", *rows, "", END.format(name=name)])


def capability_table():
    """The "Capabilities by role" table of docs/access.md, in Markdown, from CAPABILITIES."""
    roles = [ROLE_NAMES[role] for role in ALL_ROLES]
    rows = [
        "| Capability | What it allows | " + " | ".join(roles) + " |",
        "| --- | --- | " + " | ".join("---" for _ in roles) + " |",
    ]
    for capability in ALL_CAPABILITIES:
        marks = ["yes" if has(role, capability) else "–" for role in ALL_ROLES]
        rows.append(f"| `{capability}` | {MEANING[capability]} | " + " | ".join(marks) + " |")
    return _block("capability_table", rows)


def scope_table():
    """The "Case scope" table of docs/access.md, from CASE_SCOPE."""
    rows = ["| Role | Which children (case scope) |", "| --- | --- |"]
    rows += [f"| {ROLE_NAMES[role]} | {CASE_SCOPE[role]} |" for role in ALL_ROLES]
    return _block("scope_table", rows)
