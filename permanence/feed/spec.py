"""The Standard Safeguarding Dataset (SSD) tables the feed reads: names, columns, keys and how each
row finds its person. Pure data, no Django.

Table and field names, item references and meanings are the SSD specification's
(data-to-insight/ssd-data-model, data/objects/*.yml, and the SQL Server deployment scripts where
they add a column the YAML lacks, marked `deployed`). Only the columns the feed maps are listed;
a source may hold more and they are ignored. docs/ssd-mapping.md gives each field's place in the
product and its SSDA903 meaning.
"""

from dataclasses import dataclass

TEXT, DATE, INT, FLAG = "text", "date", "int", "flag"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    item: str = ""  # the SSD item reference (PERS001A ...)
    meaning: str = ""


@dataclass(frozen=True)
class Link:
    """How a row without its own person id finds one: its `column` equals `target_column` of a
    row in `table`, whose person it takes (reviews know only the period of care, CLA ID)."""

    column: str
    table: str
    target_column: str


@dataclass(frozen=True)
class Table:
    name: str
    key: str  # the row identifier (primary key in the SSD)
    person: str | None  # the column with the person's id; None for look-up tables
    columns: tuple[Column, ...]
    links: tuple[Link, ...] = ()  # tried in order when the person column is blank or absent
    meaning: str = ""

    @property
    def column_names(self):
        return tuple(c.name for c in self.columns)

    def column(self, name):
        return next(c for c in self.columns if c.name == name)


def _t(name, key, person, meaning, *columns, links=()):
    return Table(name, key, person, tuple(columns), tuple(links), meaning)


C = Column
TABLES = {
    t.name: t
    for t in (
        _t(
            "ssd_person",
            "pers_person_id",
            "pers_person_id",
            "The children (and young people) in the extract: one row each.",
            C("pers_person_id", required=True, item="PERS001A", meaning="Person unique ID from the case system"),
            C("pers_forename", item="PERS015A", meaning="First name"),
            C("pers_surname", item="PERS016A", meaning="Surname"),
            C("pers_sex", item="PERS002A", meaning="Sex: F, M or U"),
            C("pers_ethnicity", item="PERS004A", meaning="Ethnicity (DfE main categories)"),
            C("pers_dob", DATE, item="PERS005A", meaning="Date of birth"),
            C("pers_expected_dob", DATE, item="PERS009A", meaning="Expected date of birth of an unborn child"),
            C("pers_death_date", DATE, item="PERS010A", meaning="Date of death"),
            C("pers_upn", item="PERS006A", meaning="Unique pupil number (deployed)"),
            C("pers_is_mother", FLAG, item="PERS011A", meaning="Y if the child is a mother"),
        ),
        _t(
            "ssd_family",
            "fami_table_id",
            "fami_person_id",
            "Family groups: each person's family identifier.",
            C("fami_table_id", required=True, item="FAMI003A", meaning="Row ID"),
            C("fami_family_id", required=True, item="FAMI001A", meaning="Family identifier"),
            C("fami_person_id", required=True, item="FAMI002A", meaning="Person ID"),
        ),
        _t(
            "ssd_disability",
            "disa_table_id",
            "disa_person_id",
            "Disabilities: one row per disability code.",
            C("disa_table_id", required=True, item="DISA003A", meaning="Row ID"),
            C("disa_person_id", required=True, item="DISA001A", meaning="Person ID"),
            C("disa_disability_code", required=True, item="DISA002A", meaning="Disability code (NONE, MOB ...)"),
        ),
        _t(
            "ssd_immigration_status",
            "immi_immigration_status_id",
            "immi_person_id",
            "Immigration statuses, among them unaccompanied asylum-seeking child.",
            C("immi_immigration_status_id", required=True, item="IMMI005A", meaning="Row ID"),
            C("immi_person_id", required=True, item="IMMI001A", meaning="Person ID"),
            C("immi_immigration_status", required=True, item="IMMI002A", meaning="Immigration status"),
            C("immi_immigration_status_start_date", DATE, item="IMMI003A", meaning="Start of the status"),
            C("immi_immigration_status_end_date", DATE, item="IMMI004A", meaning="End of the status"),
        ),
        _t(
            "ssd_cla_episodes",
            "clae_cla_episode_id",
            "clae_person_id",
            "Episodes of care, as the SSDA903 return counts them.",
            C("clae_cla_episode_id", required=True, item="CLAE001A", meaning="Episode ID"),
            C("clae_person_id", required=True, item="CLAE002A", meaning="Person ID"),
            C("clae_cla_placement_id", item="CLAE013A", meaning="The placement this episode is in"),
            C("clae_cla_episode_start_date", DATE, True, "CLAE003A", "Date episode commenced (DECOM)"),
            C("clae_cla_episode_start_reason", required=True, item="CLAE004A", meaning="Reason for new episode (RNE)"),
            C("clae_cla_primary_need_code", required=True, item="CLAE009A", meaning="Category of need (CIN)"),
            C("clae_cla_episode_ceased_date", DATE, item="CLAE005A", meaning="Date episode ceased (DEC)"),
            C("clae_cla_episode_ceased_reason", item="CLAE006A", meaning="Reason episode ceased (REC)"),
            C("clae_cla_id", item="CLAE010A", meaning="Period of care ID"),
        ),
        _t(
            "ssd_cla_placement",
            "clap_cla_placement_id",
            "clap_person_id",
            "Placements: where the child lived, and why it ended.",
            C("clap_cla_placement_id", required=True, item="CLAP001A", meaning="Placement ID"),
            C("clap_person_id", item="CLAP013A", meaning="Person ID"),
            C("clap_cla_id", item="CLAP012A", meaning="Period of care ID"),
            C("clap_cla_placement_start_date", DATE, True, "CLAP003A", "Placement start date"),
            C("clap_cla_placement_type", required=True, item="CLAP004A", meaning="Placement type (PLACE)"),
            C("clap_cla_placement_provider", item="CLAP007A", meaning="Placement provider (PLACE_PROVIDER)"),
            C("clap_cla_placement_urn", item="CLAP005A", meaning="Ofsted URN of the placement (URN)"),
            C("clap_cla_placement_postcode", item="CLAP008A", meaning="Placement postcode (PL_POST)"),
            C("clap_cla_placement_end_date", DATE, item="CLAP009A", meaning="Placement end date"),
            C("clap_cla_placement_change_reason", item="CLAP010A", meaning="Reason for placement change"),
        ),
        _t(
            "ssd_legal_status",
            "lega_legal_status_id",
            "lega_person_id",
            "Legal statuses, looked-after (SSDA903 LS) and others (orders such as special guardianship).",
            C("lega_legal_status_id", required=True, item="LEGA001A", meaning="Row ID"),
            C("lega_person_id", required=True, item="LEGA002A", meaning="Person ID"),
            C("lega_legal_status", required=True, item="LEGA003A", meaning="Legal status"),
            C("lega_legal_status_start_date", DATE, True, "LEGA004A", "Start of the legal status"),
            C("lega_legal_status_end_date", DATE, item="LEGA005A", meaning="End of the legal status"),
        ),
        _t(
            "ssd_cla_reviews",
            "clar_cla_review_id",
            "clar_cla_person_id",
            "Looked-after reviews.",
            C("clar_cla_review_id", required=True, item="CLAR001A", meaning="Review ID"),
            C("clar_cla_person_id", item="CLAR002A", meaning="Person ID (deployed)"),
            C("clar_cla_id", item="CLAR011A", meaning="Period of care ID"),
            C("clar_cla_review_due_date", DATE, item="CLAR003A", meaning="Date the review was due"),
            C("clar_cla_review_date", DATE, item="CLAR004A", meaning="Date the review was held (REVIEW)"),
            C("clar_cla_review_cancelled", FLAG, item="CLAR012A", meaning="Y if the review was cancelled"),
            C("clar_cla_review_participation", item="CLAR007A", meaning="Participation code (REVIEW_CODE, PN0-PN7)"),
            links=(Link("clar_cla_id", "ssd_cla_episodes", "clae_cla_id"),),
        ),
        _t(
            "ssd_cla_visits",
            "clav_cla_visit_id",
            "clav_person_id",
            "Statutory visits to looked-after children.",
            C("clav_cla_visit_id", required=True, item="CLAV001A", meaning="Visit ID"),
            C("clav_person_id", item="CLAV008A", meaning="Person ID"),
            C("clav_cla_id", item="CLAV007A", meaning="Period of care ID"),
            C("clav_cla_visit_date", DATE, True, "CLAV003A", "Date of the visit"),
            C("clav_cla_visit_seen", FLAG, item="CLAV004A", meaning="Y if the child was seen"),
            C("clav_cla_visit_seen_alone", FLAG, item="CLAV005A", meaning="Y if the child was seen alone"),
            links=(Link("clav_cla_id", "ssd_cla_episodes", "clae_cla_id"),),
        ),
        _t(
            "ssd_involvements",
            "invo_involvements_id",
            "invo_person_id",
            "Who works with the child: allocated social worker, IRO, and others.",
            C("invo_involvements_id", required=True, item="INVO005A", meaning="Row ID"),
            C("invo_person_id", required=True, item="INVO011A", meaning="Person ID"),
            C("invo_professional_id", required=True, item="INVO006A", meaning="Worker ID (ssd_professionals)"),
            C("invo_professional_role_id", required=True, item="INVO007A", meaning="Worker role"),
            C("invo_professional_team", item="INVO009A", meaning="Worker team (ssd_department)"),
            C("invo_involvement_start_date", DATE, True, "INVO002A", "Involvement start date"),
            C("invo_involvement_end_date", DATE, item="INVO003A", meaning="Involvement end date"),
            C("invo_worker_change_reason", item="INVO004A", meaning="Reason for a change of worker"),
        ),
        _t(
            "ssd_professionals",
            "prof_professional_id",
            None,
            "The workers named in involvements.",
            C("prof_professional_id", required=True, item="PROF001A", meaning="Worker ID"),
            C("prof_staff_id", item="PROF010A", meaning="Staff identifier (matched to a username here)"),
            C("prof_professional_name", item="PROF013A", meaning="Worker's name"),
            C("prof_social_worker_registration_no", item="PROF002A", meaning="Social Work England number"),
            C("prof_professional_job_title", item="PROF007A", meaning="Job title"),
        ),
        _t(
            "ssd_department",
            "dept_team_id",
            None,
            "Teams and departments.",
            C("dept_team_id", required=True, item="DEPT1001A", meaning="Team ID"),
            C("dept_team_name", required=True, item="DEPT1002A", meaning="Team name"),
        ),
        _t(
            "ssd_pre_proceedings",
            "prep_table_id",
            "prep_person_id",
            "Pre-proceedings under the Public Law Outline.",
            C("prep_table_id", required=True, item="PREP024A", meaning="Row ID"),
            C("prep_person_id", required=True, item="PREP001A", meaning="Person ID"),
            C("prep_pre_pro_decision_date", DATE, item="PREP003A", meaning="Decision to enter pre-proceedings"),
            C("prep_pre_pro_letter_date", DATE, item="PREP011A", meaning="Pre-proceedings letter sent"),
            C("prep_initial_pre_pro_meeting_date", DATE, item="PREP004A", meaning="Initial pre-proceedings meeting"),
            C("prep_pre_pro_outcome", item="PREP005A", meaning="Outcome: issue care proceedings or step down"),
            C("prep_agree_stepdown_issue_date", DATE, item="PREP006A", meaning="Date agreed to step down or issue"),
            C("prep_court_reference", item="PREP016A", meaning="Court reference number"),
        ),
        _t(
            "ssd_permanence",
            "perm_table_id",
            "perm_person_id",
            "The permanence dates of a child whose plan is or was adoption or another permanence order.",
            C("perm_table_id", required=True, item="PERM001A", meaning="Row ID"),
            C("perm_person_id", required=True, item="PERM002A", meaning="Person ID"),
            C("perm_adm_decision_date", DATE, item="PERM003A", meaning="ADM decision: should be placed for adoption"),
            C("perm_ffa_cp_decision_date", DATE, item="PERM004A", meaning="Decision to place in FFA/CP"),
            C("perm_placement_order_date", DATE, item="PERM006A", meaning="Placement order (or freeing order) granted"),
            C("perm_matched_date", DATE, item="PERM008A", meaning="Matched to prospective adopters"),
            C("perm_placed_for_adoption_date", DATE, item="PERM007A", meaning="Placed for adoption"),
            C("perm_placed_ffa_cp_date", DATE, item="PERM009A", meaning="Placed in FFA/CP placement"),
            C("perm_decision_reversed_date", DATE, item="PERM010A", meaning="Decision no longer to place for adoption"),
            C("perm_decision_reversed_reason", item="PERM016A", meaning="Reason no longer placed (RD1-RD4)"),
            C("perm_part_of_sibling_group", FLAG, item="PERM012A", meaning="Part of a sibling group (0/1)"),
            C(
                "perm_siblings_placed_together",
                INT,
                item="PERM013A",
                meaning="Children placed together, this one included",
            ),
            C("perm_siblings_placed_apart", INT, item="PERM014A", meaning="Siblings placed apart from this child"),
            C("perm_permanence_order_date", DATE, item="PERM017A", meaning="Date the permanence order was granted"),
            C("perm_permanence_order_type", item="PERM018A", meaning="Adoption, special guardianship or CAO"),
        ),
        _t(
            "ssd_cla_health",
            "clah_health_check_id",
            "clah_person_id",
            "Health assessments and dental checks of looked-after children.",
            C("clah_health_check_id", required=True, item="CLAH001A", meaning="Health check ID"),
            C("clah_person_id", required=True, item="CLAH002A", meaning="Person ID"),
            C(
                "clah_health_check_type",
                required=True,
                item="CLAH003A",
                meaning="Health assessment (initial or review) or dental check",
            ),
            C("clah_health_check_date", DATE, True, "CLAH004A", "Date of the health check or assessment"),
            C("clah_health_check_status", item="CLAH005A", meaning="Planned, Refused, Cancelled or Completed"),
        ),
        _t(
            "ssd_cla_care_plan",
            "lacp_table_id",
            "lacp_person_id",
            "Care plans of looked-after children: when each was in force.",
            C("lacp_table_id", required=True, item="LACP001A", meaning="Care plan row ID"),
            C("lacp_person_id", required=True, item="LACP007A", meaning="Person ID"),
            C("lacp_cla_care_plan_start_date", DATE, True, "LACP004A", "Care plan start date"),
            C("lacp_cla_care_plan_end_date", DATE, item="LACP005A", meaning="Care plan end date"),
            C("lacp_cla_care_plan_json", item="LACP003A", meaning="The chosen permanence plan (read, not stored)"),
        ),
        _t(
            "ssd_missing",
            "miss_table_id",
            "miss_person_id",
            "Missing and away-from-placement episodes, and return home interviews.",
            C("miss_table_id", required=True, item="MISS001A", meaning="Missing episode row ID"),
            C("miss_person_id", required=True, item="MISS002A", meaning="Person ID"),
            C("miss_missing_episode_start_date", DATE, True, "MISS003A", "Missing episode start (MIS_START)"),
            C("miss_missing_episode_type", item="MISS004A", meaning="Missing or Absent (MISSING: M or A)"),
            C("miss_missing_episode_end_date", DATE, item="MISS005A", meaning="Missing episode end (MIS_END)"),
            C("miss_missing_rhi_offered", item="MISS006A", meaning="Return home interview offered: Y, N or NA"),
            C("miss_missing_rhi_accepted", item="MISS007A", meaning="Return home interview accepted: Y or N"),
        ),
        _t(
            "ssd_care_leavers",
            "clea_table_id",
            "clea_person_id",
            "Care leavers: eligibility, keeping in touch, accommodation, activity, pathway plan.",
            C("clea_table_id", required=True, item="CLEA001A", meaning="Row ID"),
            C("clea_person_id", required=True, item="CLEA002A", meaning="Person ID"),
            C(
                "clea_care_leaver_eligibility",
                item="CLEA003A",
                meaning="Relevant, Former relevant, Eligible, Qualifying",
            ),
            C("clea_care_leaver_in_touch", item="CLEA004A", meaning="In touch (IN_TOUCH)"),
            C("clea_care_leaver_latest_contact", DATE, item="CLEA005A", meaning="Latest date of contact"),
            C("clea_care_leaver_accommodation", item="CLEA006A", meaning="Accommodation (ACCOM)"),
            C("clea_care_leaver_accom_suitable", item="CLEA007A", meaning="1 suitable, 2 unsuitable"),
            C("clea_care_leaver_activity", item="CLEA008A", meaning="Activity (ACTIV)"),
            C("clea_pathway_plan_review_date", DATE, item="CLEA009A", meaning="Latest pathway plan review"),
            C("clea_care_leaver_personal_advisor", item="CLEA010A", meaning="Allocated personal adviser"),
        ),
    )
}

# Tables every extract must hold; the rest are read when present and left alone when absent.
REQUIRED_TABLES = ("ssd_person",)
# Look-up tables read whole before any person's rows.
LOOKUP_TABLES = tuple(name for name, table in TABLES.items() if table.person is None)
