"""The legal routes to permanence, order by order, each fact with its citation.

Each fact cites the law first (Children Act 1989; Adoption and Children Act 2002; the Care
Planning, Placement and Case Review (England) Regulations 2010) wherever the law says it. What
the councils' own documents add (`../shared/seeds/`: Leeds City Council, Permanence Policy and
Guidance §8, §10.8; Birmingham Children's Trust, Permanence Guidance §4 and Appendix 1; Camden,
Permanence practice guidance for social workers §10) is their local policy, offered to every
council as practice guidance: a fact's source labels it so ("Practice guidance: ..."), after the
law, so that pages, documents and exports all read the same. No fact stands without a source.
"""

from dataclasses import dataclass, fields
from typing import ClassVar

from permanence.codes.documents import BIRMINGHAM, CAMDEN, LEEDS, as_cited

SEEDS = (LEEDS, CAMDEN, BIRMINGHAM)


@dataclass(frozen=True)
class Fact:
    text: str
    source: str

    @property
    def from_seed(self) -> bool:
        return any(seed in self.source for seed in SEEDS)


@dataclass(frozen=True)
class Route:
    key: str
    name: str
    order_type: str  # permanence.children.orders code; "" for long-term fostering (a plan under a care order)
    parental_responsibility: Fact
    duration: Fact
    ending: Fact  # whether and how it can be revoked or varied, and by whom
    looked_after: bool
    looked_after_fact: Fact
    reviews: Fact
    support: Fact
    allowances: Fact

    ASPECTS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("parental_responsibility", "Parental responsibility"),
        ("duration", "How long it lasts"),
        ("ending", "Revoking or varying it"),
        ("looked_after_fact", "Is the child looked after?"),
        ("reviews", "Reviews"),
        ("support", "Support"),
        ("allowances", "Allowances"),
    )

    def facts(self) -> list[tuple[str, Fact]]:
        """(label, Fact) for each aspect, in the order a worker reads them."""
        return [(label, getattr(self, name)) for name, label in self.ASPECTS]


def _f(text: str, *sources: str) -> Fact:
    """A fact and its source: the law as given, first, then any council document labelled as practice
    guidance ('Children Act 1989 s33(3). Practice guidance: Leeds ... §8.7'), whatever order they are listed in."""
    return Fact(text, as_cited("; ".join(sources)))


CARE_ORDER = Route(
    key="care_order",
    name="Care order",
    order_type="care_order",
    parental_responsibility=_f(
        "The local authority gains parental responsibility and shares it with the parents; it may decide how far "
        "the parents may exercise theirs. Carers do not hold parental responsibility.",
        "Children Act 1989 s33(3)",
        f"{LEEDS} §8.7 (lack of parental responsibility for the carers)",
    ),
    duration=_f(
        "Until the child is 18, unless the court discharges it sooner or another order ends it.",
        "Children Act 1989 s91(12)",
    ),
    ending=_f(
        "The court may discharge it on the application of the child, the local authority or anyone with parental "
        "responsibility, or replace it with a supervision order. A child arrangements order (lives with), a special "
        "guardianship order or an adoption order ends it.",
        "Children Act 1989 s39(1), (4); s91(1), (5A)",
        f"{LEEDS} §8.1 (discharging the care order on reunification)",
    ),
    looked_after=True,
    looked_after_fact=_f(
        "Yes: the child is in the care of the local authority.",
        "Children Act 1989 s22(1)",
        f"{LEEDS} §4 (exceptional to place at home under a full care order)",
    ),
    reviews=_f(
        "Looked-after reviews chaired by the Independent Reviewing Officer continue while the order lasts.",
        "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
        f"{LEEDS} §8.7",
    ),
    support=_f(
        "Continuing social work support under the care plan; the local authority promotes contact with the parents.",
        f"{LEEDS} §8.6 (general duty to promote contact under a care order)",
        f"{LEEDS} §8.7",
    ),
    allowances=_f("Foster carers receive the weekly fostering allowance and any skills payment.", f"{LEEDS} §8.7"),
)

SUPERVISION_ORDER = Route(
    key="supervision_order",
    name="Supervision order",
    order_type="supervision_order",
    parental_responsibility=_f(
        "No one gains parental responsibility: the parents keep it. The supervisor (the local authority) must advise, "
        "help and befriend the child.",
        f"{BIRMINGHAM} §4 (staying at home supported by the Trust)",
        "Children Act 1989 s35(1)",
    ),
    duration=_f(
        "One year in the first instance; the supervisor may apply to extend it, to no more than three years in "
        "all and never after the child is 18.",
        f"{BIRMINGHAM} §4",
        "Children Act 1989 Sch 3 para 6",
    ),
    ending=_f(
        "The court may stop it when an interested party applies; a care order ends it.",
        f"{BIRMINGHAM} §4",
        "Children Act 1989 s39(2)",
    ),
    looked_after=False,
    looked_after_fact=_f("No: the child stays in the family home.", f"{BIRMINGHAM} §4"),
    reviews=_f(
        "No looked-after reviews; the child in need plan and support under a supervision order should be reviewed "
        "and chaired independently of the allocated social worker.",
        f"{LEEDS} §8.1",
    ),
    support=_f(
        "The allocated social worker visits regularly; the order may carry conditions such as a medical or "
        "psychiatric examination or taking part in activities. It can help kinship carers feel supported in the "
        "first year of a placement.",
        f"{BIRMINGHAM} §4",
        f"{LEEDS} §8.2",
    ),
    allowances=_f(
        "No allowance comes with the order; the council may give child in need support, once or regularly.",
        f"{LEEDS} §8.1 (section 17 support)",
    ),
)

SPECIAL_GUARDIANSHIP_ORDER = Route(
    key="special_guardianship_order",
    name="Special guardianship order",
    order_type="special_guardianship_order",
    parental_responsibility=_f(
        "The special guardian has parental responsibility and may exercise it to the exclusion of everyone else with "
        "it, apart from another special guardian. They cannot change the child's surname or take the child out of the "
        "country without the court's permission or everyone's agreement; the parents keep the right to consent, or "
        "not, to adoption.",
        f"{LEEDS} §8.5",
    ),
    duration=_f(
        "Until the child is 18; the child's legal links to the birth family are not severed.",
        "Children Act 1989 s91(13)",
        f"{BIRMINGHAM} §4 (does not permanently end the relationship)",
    ),
    ending=_f(
        "The court may vary or discharge it; a parent needs the court's leave to apply, and leave needs a "
        "significant change in circumstances. More secure than long-term fostering, less than adoption.",
        "Children Act 1989 s14D(1), (3), (5)",
        f"{LEEDS} §8.5",
    ),
    looked_after=False,
    looked_after_fact=_f("No: the child leaves care.", f"{CAMDEN} §10"),
    reviews=_f(
        "No looked-after reviews and no continuing monitoring by the local authority, though support services "
        "may still be arranged.",
        f"{BIRMINGHAM} Appendix 1 (Child Arrangements Orders/Special Guardianship)",
    ),
    support=_f(
        "Special guardians may ask for an assessment of support at any time after the order; the support needed is "
        "assessed with the court report (Schedule 21). The Virtual School keeps advising on education.",
        f"{LEEDS} §8.5",
        f"{CAMDEN} §10",
    ),
    allowances=_f("Special guardians may be supported financially by the local authority.", f"{LEEDS} §8.5"),
)

CAO_LIVE_WITH = Route(
    key="child_arrangements_order_live_with",
    name="Child arrangements order (lives with)",
    order_type="child_arrangements_order_live_with",
    parental_responsibility=_f(
        "A person named as someone the child lives with has parental responsibility while the order is in force, "
        "shared with the parents. They cannot consent to adoption, appoint a guardian, change the child's name or "
        "arrange emigration without everyone with parental responsibility agreeing or the court's leave. It cannot be "
        "made in favour of a local authority.",
        f"{LEEDS} §8.6",
        f"{BIRMINGHAM} §4 (Child Arrangements Order)",
    ),
    duration=_f(
        "The lives-with provisions can last until 18 unless the court discharges them sooner or a care order is "
        "made; spend-time provisions end at 16 unless the circumstances are exceptional.",
        f"{LEEDS} §8.6",
        "Children Act 1989 s9(6)-(7)",
    ),
    ending=_f(
        "Less secure than adoption or special guardianship: an application can be made to revoke it. The court can "
        "be asked to stop a parent applying without its leave.",
        f"{LEEDS} §8.6 (disadvantage 1)",
        "Children Act 1989 s91(14)",
    ),
    looked_after=False,
    looked_after_fact=_f(
        "No: the child is no longer looked after, with less stigma attached.",
        f"{LEEDS} §8.6 (advantages 2 and 4)",
        f"{BIRMINGHAM} §4",
    ),
    reviews=_f(
        "No review process and no professional reviewing after the order unless a new application is made to court.",
        f"{LEEDS} §8.6 (advantage 3, disadvantage 3)",
    ),
    support=_f(
        "No formal continuing support after the order; support may continue while the order is in force, aiming for "
        "arrangements that sustain themselves.",
        f"{LEEDS} §8.6 (disadvantage 2)",
    ),
    allowances=_f(
        "A child arrangements order allowance may be payable: a set-up grant and, exceptionally, a weekly allowance.",
        f"{LEEDS} §8.6",
        f"{BIRMINGHAM} §4",
    ),
)

ADOPTION_ORDER = Route(
    key="adoption_order",
    name="Adoption order",
    order_type="adoption_order",
    parental_responsibility=_f(
        "Transfers parental responsibility permanently and solely to the adopters, from the birth parents and everyone "
        "else who had it, including the local authority. The child is treated as born to the adopters.",
        f"{LEEDS} §8.3",
        f"{BIRMINGHAM} §4 (Adoption)",
    ),
    duration=_f("For life: the legal status continues into adulthood.", f"{LEEDS} §8.3"),
    ending=_f("Irrevocable: no future legal challenge is possible.", f"{BIRMINGHAM} §4 (Adoption)"),
    looked_after=False,
    looked_after_fact=_f("No: the child leaves care.", f"{CAMDEN} §10"),
    reviews=_f(
        "No looked-after reviews; the adoption support plan is put to the regional adoption agency's panel.",
        f"{CAMDEN} §10",
    ),
    support=_f(
        "A comprehensive support service; adopters may ask for an assessment of support at any time after the "
        "order. Contact with siblings placed separately is expected to continue.",
        f"{LEEDS} §8.3",
        f"{CAMDEN} §10",
    ),
    allowances=_f(
        "Adopters may be supported financially by the local authority (Adoption Support Procedure).", f"{LEEDS} §8.3"
    ),
)

PLACEMENT_ORDER = Route(
    key="placement_order",
    name="Placement order",
    order_type="placement_order",
    parental_responsibility=_f(
        "The local authority holds parental responsibility and may restrict the parents' exercise of theirs; once the "
        "child is placed, the prospective adopters share it. Likely to be needed with a care order when the plan is "
        "adoption, unless the parents clearly agree to the plan and the placement.",
        "Adoption and Children Act 2002 s25",
        f"{LEEDS} §10.8",
        f"{BIRMINGHAM} §4 (Legal Routes to Permanence)",
    ),
    duration=_f(
        "Until an adoption order is made, the court revokes it, or the child is 18 or marries.",
        "Adoption and Children Act 2002 s21(4)",
    ),
    ending=_f(
        "The court may revoke it on the application of the local authority or the child; anyone else needs the court's "
        "leave, which can only be given before the child is placed and after a change in circumstances.",
        "Adoption and Children Act 2002 s24(1)-(3)",
    ),
    looked_after=True,
    looked_after_fact=_f(
        "Yes: a child authorised to be placed for adoption remains looked after.",
        "Adoption and Children Act 2002 s18(3)",
    ),
    reviews=_f(
        "Looked-after reviews continue until the adoption order; the adoption scorecard counts the days from the "
        "placement order to the match.",
        "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
        f"{LEEDS} §8.3",
    ),
    support=_f(
        "Family finding should already be under way: it begins as soon as adoption is under consideration, before "
        "the ADM decision or placement order.",
        f"{LEEDS} §8.3",
        f"{CAMDEN} §6",
    ),
    allowances=_f(
        "Foster carers are paid as foster carers until the child is placed for adoption; adopters may then get "
        "adoption support, including financial support.",
        f"{LEEDS} §8.3",
        f"{LEEDS} §8.7",
    ),
)

LONG_TERM_FOSTERING = Route(
    key="long_term_fostering",
    name="Long-term fostering under a care order",
    order_type="",
    parental_responsibility=_f(
        "The carers have no parental responsibility: the local authority and the parents keep it, so the birth family can "
        "still play a part in decisions. Day-to-day decisions are delegated to the carers in the placement plan.",
        f"{LEEDS} §8.7 (advantage 3, disadvantage 1)",
        "DfE, Knowledge and Skills Statement: Achieving Permanence §4 (plans for delegated authority)",
    ),
    duration=_f(
        "Until the child leaves care: the carer has agreed to look after the child until then and the authority has "
        "confirmed it to the carer, the child and the parents. After 18 the carers have no legal responsibility.",
        f"{BIRMINGHAM} §4 (Long Term Foster Care: 2015 definition)",
        f"{LEEDS} §8.7 (disadvantage 6)",
    ),
    ending=_f(
        "The placement can end without a court; the care order itself is discharged only by the court. Carers may later "
        "apply for a special guardianship or child arrangements order to give legal permanence.",
        f"{BIRMINGHAM} §4 (Long Term Foster Care)",
        "Children Act 1989 s39(1)",
    ),
    looked_after=True,
    looked_after_fact=_f(
        "Yes: the child remains looked after, with the stigma some children feel about being in care.",
        f"{LEEDS} §8.7 (disadvantage 4)",
    ),
    reviews=_f(
        "Regular looked-after reviews, which some children find destabilising; the support plan is reviewed at each.",
        f"{LEEDS} §8.7 (disadvantage 3, support)",
    ),
    support=_f(
        "Continuing social work support to the child and the foster family; a supervising social worker, support and "
        "training for the carer.",
        f"{LEEDS} §8.7 (advantage 2, support)",
    ),
    allowances=_f(
        "A weekly allowance for the child's costs and a fee under the Payment for Skills scheme; agency placements "
        "are costed in the individual placement agreement.",
        f"{LEEDS} §8.7 (support)",
    ),
)

SECTION_20 = Route(
    key="section_20",
    name="Accommodation by agreement (section 20)",
    order_type="section_20",
    parental_responsibility=_f(
        "The local authority gains no parental responsibility: the parents keep it all and their agreement is needed; "
        "a young person of 16 or 17 may agree for themselves.",
        "Children Act 1989 s20(7)-(11)",
    ),
    duration=_f(
        "Only as long as the arrangement is agreed; it is not an order and has no end date. The permanence panel "
        "reviews section 20 arrangements regularly so they do not drift.",
        "Children Act 1989 s20(8)",
        f"{LEEDS} §5",
    ),
    ending=_f(
        "Anyone with parental responsibility may remove the child at any time, without going to court.",
        "Children Act 1989 s20(8)",
    ),
    looked_after=True,
    looked_after_fact=_f(
        "Yes: an accommodated child is looked after.",
        "Children Act 1989 s22(1)(b)",
        f"{BIRMINGHAM} §4 (the child may enter care under section 20)",
    ),
    reviews=_f(
        "Looked-after reviews, and regular review of the arrangement by the permanence panel.",
        "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
        f"{LEEDS} §5",
    ),
    support=_f(
        "Care plan and social work support as for any child looked after, with work towards reunification or a "
        "legally secure plan.",
        f"{LEEDS} §5",
        f"{LEEDS} §8.1",
    ),
    allowances=_f(
        "Foster carers are paid the weekly fostering allowance, as for any child looked after.",
        f"{LEEDS} §8.7 (support)",
    ),
)

ROUTES = (
    CARE_ORDER,
    SUPERVISION_ORDER,
    SPECIAL_GUARDIANSHIP_ORDER,
    CAO_LIVE_WITH,
    ADOPTION_ORDER,
    PLACEMENT_ORDER,
    LONG_TERM_FOSTERING,
    SECTION_20,
)
BY_KEY = {route.key: route for route in ROUTES}

# The fields every route must fill, for the completeness test and for tables.
FACT_FIELDS = tuple(f.name for f in fields(Route) if f.type in (Fact, "Fact"))


def route(key: str) -> Route:
    """The route by key (an order type code or `long_term_fostering`); KeyError naming the known keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown legal route {key!r}; known: {', '.join(BY_KEY)}") from None


def compare(*keys: str) -> list[tuple[str, list[Fact]]]:
    """Rows for a side-by-side table: (aspect label, [Fact for each route])."""
    chosen = [route(k) for k in keys] if keys else list(ROUTES)
    return [(label, [getattr(r, name) for r in chosen]) for name, label in Route.ASPECTS]


# The legal routes each permanence option can take (permanence.planning.options keys), most usual first.
OPTION_ROUTES = {
    "stay_home": ("supervision_order",),
    "return_home": ("supervision_order", "care_order"),
    "kinship": ("special_guardianship_order", "child_arrangements_order_live_with", "care_order"),
    "special_guardianship": ("special_guardianship_order",),
    "child_arrangements_order": ("child_arrangements_order_live_with",),
    "adoption": ("placement_order", "adoption_order"),
    "long_term_fostering": ("long_term_fostering", "care_order"),
    "residential": ("care_order", "section_20"),
    "independence": ("care_order", "section_20"),
}


def routes_for_option(option: str) -> list[Route]:
    """The legal routes a permanence option can take; an unknown option has none."""
    return [route(key) for key in OPTION_ROUTES.get(option, ())]
