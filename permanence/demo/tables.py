"""Proportions the synthetic council is calibrated to (../shared/calibration.md), and the
invented names it draws from. Pure data: no Django.

Figures are national (DfE SSDA903 releases 2019-2024); tables below split them by age band
so that, summed over the bands, the council matches the national mix.
"""

# Of all children on the demo record: looked after today, left care in the last two years,
# on the edge of care (child in need, child protection, PLO), and unborn (pre-birth planning).
STATUS_MIX = {"looked_after": 0.72, "ceased": 0.19, "edge": 0.085, "unborn": 0.005}

# Sibling groups: how many children a family brings onto the record.
FAMILY_SIZE = {1: 0.62, 2: 0.24, 3: 0.10, 4: 0.04}
MEAN_FAMILY_SIZE = sum(size * share for size, share in FAMILY_SIZE.items())
# Share of looked-after children who are unaccompanied asylum-seeking children (2024: ~7,400 of 83,630).
UASC_SHARE = 0.085

# Age bands of children looked after who are not UASC (UASC are 14-17, three quarters 16+),
# chosen so the whole mix is under 1: 5%, 1-4: 14%, 5-9: 18%, 10-15: 39%, 16+: 25%.
AGE_BANDS = {(0, 0): 5.0, (1, 4): 14.0, (5, 9): 18.0, (10, 15): 37.0, (16, 17): 18.0}
UASC_AGES = {14: 0.05, 15: 0.20, 16: 0.35, 17: 0.40}

# Sex: boys 53% leaving out UASC, who are mostly boys (57% overall).
BOYS_SHARE = 0.53
UASC_BOYS_SHARE = 0.95

# Ethnicity (broad group, then codes within it). Overall target: White 71, Mixed 11, Black 7,
# Asian 5, Other 5; UASC are mostly Other, Black and Asian, so the rest are weighted to match.
ETHNIC_GROUPS = {"White": 76.5, "Mixed": 12.0, "Black": 5.0, "Asian": 3.7, "Other": 1.6, "Unknown": 1.2}
UASC_ETHNIC_GROUPS = {"Other": 45.0, "Black": 30.0, "Asian": 20.0, "White": 5.0}
ETHNIC_CODES = {
    "White": {"WBRI": 85, "WIRI": 2, "WOTH": 10, "WROM": 2, "WIRT": 1},
    "Mixed": {"MWBC": 35, "MWBA": 15, "MWAS": 15, "MOTH": 35},
    "Black": {"BAFR": 55, "BCRB": 25, "BOTH": 20},
    "Asian": {"APKN": 35, "ABAN": 20, "AIND": 15, "AOTH": 30},
    "Other": {"OOTH": 85, "CHNE": 15},
    "Unknown": {"NOBT": 60, "REFU": 40},
}
UASC_ETHNIC_CODES = {
    "Other": {"OOTH": 100},
    "Black": {"BAFR": 100},
    "Asian": {"AOTH": 100},
    "White": {"WOTH": 100},
}

# Placement group of a looked-after child (not UASC), by age band. Summed over bands with
# UASC: foster 70% (relatives or friends 14%), residential and semi-independent 14%, placed
# with parents 7%, placed for adoption 3%, independent living 4%, other 2%.
PLACEMENT_BY_BAND = {
    (0, 0): {"adoption": 0.18, "residential": 0.02, "parents": 0.09, "foster": 0.71},
    (1, 4): {"adoption": 0.19, "parents": 0.11, "foster": 0.70},
    (5, 9): {"adoption": 0.05, "residential": 0.03, "parents": 0.12, "other": 0.02, "foster": 0.78},
    (10, 15): {"residential": 0.22, "parents": 0.08, "other": 0.025, "foster": 0.705},
    (16, 17): {"independent": 0.12, "residential": 0.33, "parents": 0.035, "other": 0.025, "foster": 0.49},
}
# (Adoption is weighted up because only the child who sets a sibling group's path is drawn from
# this table; siblings placed apart are fostered while the group's plan is decided.)
UASC_PLACEMENT = {"K3": 0.30, "U6": 0.45, "K2": 0.25}  # P2 and H5 ended in October 2023
KINSHIP_SHARE_OF_FOSTER = 0.208  # 14% of all children are fostered by relatives or friends

# Current legal status (not UASC, who are all V2). Overall: care orders (C1, C2) 76%, section 20
# 19%, placement order about 5%, youth justice and emergency statuses about 1%.
LEGAL_GENERAL = {"C1": 0.15, "V2": 0.10, "E1_under_8": 0.08, "J1_12_plus": 0.012, "L2": 0.003}

# Reasons a period of care ended (DfE 2023): SGO 12% (90% to relatives or friends), adopted 9%,
# returned home ~29%, the rest mostly turning 18, independent living, child arrangements orders.
REASON_CEASED_MIX = {
    "E4A": 24.0,
    "E4B": 5.0,
    "E45": 6.0,
    "E47": 4.8,
    "E46": 0.7,
    "E48": 0.5,
    "E11": 7.0,
    "E12": 2.0,
    "E41": 4.0,
    "E5": 12.0,
    "E6": 3.0,
    "E17": 8.0,
    "E13": 10.0,
    "E3": 2.0,
    "E15": 1.0,
    "E8": 7.0,
    "E9": 1.0,
    "E16": 0.5,
    "E7": 0.5,
    "E14": 1.0,
}

# Care proceedings: weeks from issue to final order (national average 39-46 weeks, 2022-25).
PROCEEDINGS_WEEKS_MEAN, PROCEEDINGS_WEEKS_SD = 41, 10
# Adoption: entering care to moving in with adopters ~1 year 7 months; then ~10 months to the order.
ENTRY_TO_ADOPTIVE_PLACEMENT_DAYS = (580, 150)
ADOPTIVE_PLACEMENT_TO_ORDER_DAYS = (300, 80)

# Why a placement ended (DfE 2024: 31% care plan, 8% carer request because of behaviour).
REASON_PLACE_CHANGE_MIX = {
    "CARPL": 31,
    "CREQB": 8,
    "CREQO": 12,
    "CHILD": 8,
    "LAREQ": 10,
    "ALLEG": 3,
    "STAND": 3,
    "CLOSE": 5,
    "APPRR": 2,
    "PLACE": 6,
    "OTHER": 12,
}
PARTICIPATION_4_PLUS = {"PN1": 60, "PN2": 8, "PN3": 5, "PN4": 5, "PN5": 7, "PN6": 10, "PN7": 5}
CATEGORY_OF_NEED_MIX = {"N1": 66, "N2": 3, "N3": 3, "N4": 8, "N5": 13, "N6": 1, "N7": 0.5, "N8": 5.5}
UASC_CATEGORY = "N8"  # absent parenting

# A realistic minority of records drift, so the drift dashboard has something to show.
DRIFT = {"review": 0.06, "visit": 0.08, "plan": 0.05, "extension_missing": 0.35, "approval": 0.3}

CASELOAD = 18  # children per social worker
IRO_CASELOAD = 60  # children per IRO
TEAM_SIZE = 7  # social workers per team

# --- invented names ---------------------------------------------------------------------
GIRLS = {
    "White": "Amelia Olivia Isla Ava Mia Lily Freya Poppy Evie Grace Ruby Ellie Sophie Chloe Daisy Holly Millie Lacey",
    "Mixed": "Aaliyah Amara Leah Maya Zara Nia Kayla Jada Tia Imani Keira Layla Aria",
    "Black": "Adaeze Chioma Folake Abena Esi Ife Zainab Precious Blessing Grace Faith Joy",
    "Asian": "Aisha Fatima Maryam Amira Priya Anaya Riya Simran Ayesha Sana Zara Inaya",
    "Other": "Farah Lina Selam Hana Mei Lin Yasmin Nour Leila Dina",
}
BOYS = {
    "White": "Oliver Harry George Noah Jack Leo Arthur Oscar Charlie Jacob Alfie Freddie Theo Archie Finley Riley Mason Kyle",
    "Mixed": "Malachi Jayden Kai Tyrese Elijah Isaiah Ezra Micah Reuben Marley Luca Mason",
    "Black": "Kwame Kofi Tunde Chidi Emeka Tobi Jermaine Andre Nathaniel Samuel Daniel Joshua",
    "Asian": "Mohammed Ibrahim Yusuf Ali Hamza Zayn Arjun Rohan Aryan Dev Haris Bilal Rayan Imran",
    "Other": "Ahmad Mustafa Omar Karim Hassan Yonas Dawit Samir Reza Wei Jun",
}
GIRLS["Unknown"], BOYS["Unknown"] = GIRLS["White"], BOYS["White"]
UASC_NAMES = (
    "Ahmad Mustafa Omar Karim Hassan Yonas Dawit Samir Reza Arash Bashir Tariq Elias Nasir "
    "Jamal Amir Abdul Habib Mahmoud Tesfay Biniam Kidane Zana Rebin Hamid Jawad Sardar"
)
LAST_NAMES = {
    "White": (
        "Ashworth Bramley Carrow Dunmore Ellery Fenwick Garside Hollins Ingram Jessop Kettering "
        "Lowther Marsden Norbury Ormsby Pendle Quarmby Radcliffe Stainton Thwaite Underwood Varley "
        "Whitlow Yeadon Alderton Beckworth Colridge Denholm Eastwood Farrow Gilmore Hartley Kilburn "
        "Lindley Mossop Nettleton Oakes Parfitt Rowntree Sowerby Tetley Wainwright"
    ),
    "Mixed": (
        "Campbell-Hart Baptiste Okoro-Lane Francis Charles Forde Lindo Greaves Bryan Morrison Walcott "
        "Sterling Mensah-Holt Clarke-Ade Joseph Thomas-Reid Alleyne Beckford"
    ),
    "Black": (
        "Adeyemi Okonkwo Mensah Asante Boateng Owusu Nwosu Eze Balogun Okafor Danso Appiah Mbeki "
        "Nkemelu Adebayo Oduya Forde Baptiste Lindo Hamilton"
    ),
    "Asian": (
        "Hussain Begum Khan Ahmed Akhtar Rahman Miah Patel Sharma Kaur Singh Chaudhry Iqbal Malik "
        "Qureshi Bibi Mahmood Shah Nazir Rashid"
    ),
    "Other": (
        "Haddad Nazari Rahimi Tesfaye Gebre Hashemi Karimi Mansour Yilmaz Demir Ahmadi Osman "
        "Wong Chen Tran Nguyen Hakimi Barzani"
    ),
}
LAST_NAMES["Unknown"] = LAST_NAMES["White"]
UASC_LAST_NAMES = (
    "Ahmadi Nazari Rahimi Tesfaye Gebre Hashemi Karimi Haidari Osman Kidane Mohammadi "
    "Barzani Hakimi Yousufzai Popal Stanekzai Mengistu Habte"
)
ADULT_NAMES = (
    "Sarah Emma Laura Kelly Gemma Donna Stacey Jodie Claire Michelle Nicola Leanne Natalie Kirsty "
    "Lisa Dawn Karen Julie Janet Susan Mark Paul Lee Craig Darren Wayne Dean Gary Shaun Ryan Adam "
    "Jason Stuart Neil Kevin Carl Steven Martin Tony Ian"
).split()
ADULT_WOMEN = ADULT_NAMES[:20]
ADULT_MEN = ADULT_NAMES[20:]
STAFF_FIRST = (
    "Sam Tara Irene Fiona Priya Hannah Rachel Joanne Bethany Naomi Aisha Chidi Marcus Gareth "
    "Oliver Tom Rob Dan Helen Kate Rosie Megan Nadia Yasmin Tunde Raj Imran Becky Zoe Lucy"
).split()
STAFF_LAST = (
    "Okafor Hartley Reeves Patel Whitlow Ormsby Lindley Adeyemi Khan Rowntree Fenwick Jessop "
    "Marsden Varley Begum Kettering Farrow Sowerby Mensah Ingram Colridge Denholm Gilmore Ashworth"
).split()

LOCALITIES = (
    "Thornbury Vale",
    "Ashby Marsh",
    "Kettlewell Green",
    "Oakford",
    "Brampton Edge",
    "Holm Cross",
    "Millbrook",
    "Sandleigh",
    "Whitmore Heath",
    "Fairhaven Quay",
    "Castle Lees",
    "Northgate",
)
COURTS = ("Thornbury Family Court", "Oakford Family Court", "Castle Lees Combined Court")
HOME_NAMES = (
    "Oakfield House",
    "The Laurels",
    "Willow Lodge",
    "Beechcroft",
    "Harbour View",
    "Rowan House",
    "Maple Court",
    "Elm Grove",
    "Cedar Lodge",
    "Foxglove House",
    "Heron Place",
    "Larch Lodge",
)
RELIGIONS = {
    "White": ("Christian", "No religion", "No religion", ""),
    "Mixed": ("Christian", "No religion", ""),
    "Black": ("Christian", "Christian", "Muslim", ""),
    "Asian": ("Muslim", "Muslim", "Hindu", "Sikh"),
    "Other": ("Muslim", "Christian", "Buddhist", ""),
    "Unknown": ("",),
}
UASC_LANGUAGES = (
    "Arabic",
    "Pashto",
    "Dari",
    "Tigrinya",
    "Kurdish (Sorani)",
    "Farsi",
    "Amharic",
    "Vietnamese",
    "Albanian",
    "Oromo",
)
DISABILITIES = (
    "Autism spectrum condition",
    "Learning disability",
    "Hearing impairment",
    "Cerebral palsy",
    "ADHD",
    "Visual impairment",
)
