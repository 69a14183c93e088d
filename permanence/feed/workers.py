"""Case-system workers and teams as the product's staff and teams, made when first needed, and a
fact's references to them resolved into the record's ids."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from permanence.accounts.models import Team
from permanence.children.rules import holder_role

from .mapping.facts import IRO, SOCIAL_WORKER
from .models import FeedWorker


class Workers:
    """Case-system workers and teams as the product's staff and teams (made when first needed)."""

    def __init__(self, lookups):
        self.professionals = lookups["ssd_professionals"]
        self.departments = lookups["ssd_department"]
        self.users = dict(FeedWorker.objects.values_list("professional_id", "user_id"))
        self.teams = {}

    def resolve(self, plans):
        """Give every professional and team the plans name a user and a team id."""
        roles = {}
        teams = set()
        for plan in plans:
            for fact in plan.facts.facts:
                v = fact.values
                if fact.kind == "allocation":
                    roles.setdefault(v["_professional"], v["role"])
                    if v["_team"]:
                        teams.add(v["_team"])
        self._users(roles)
        self._teams(teams)

    def _users(self, roles):
        User = get_user_model()
        unknown = [p for p in roles if p not in self.users]
        if not unknown:
            return
        wanted = {p: (self.professionals[p].get("prof_staff_id") or "").strip().lower() for p in unknown}
        existing = {
            u.lower(): pk
            for u, pk in User.objects.filter(username__in=[s for s in wanted.values() if s]).values_list(
                "username", "pk"
            )
        }
        no_login = make_password(None)
        created = []
        for professional in unknown:
            staff = wanted[professional]
            if staff and staff in existing:
                self.users[professional] = existing[staff]
                continue
            name = (self.professionals[professional].get("prof_professional_name") or "").strip()
            first, _, last = name.partition(" ")
            username = (staff or f"ssd-{professional}")[:150]
            user = User(
                username=username,
                first_name=first[:150] or "Worker",
                last_name=(last or professional)[:150],
                role=holder_role(IRO if roles[professional] == IRO else SOCIAL_WORKER),
                job_title=(self.professionals[professional].get("prof_professional_job_title") or "")[:120],
                password=no_login,
            )
            created.append((professional, user))
        taken = set(
            User.objects.filter(username__in=[u.username for _, u in created]).values_list("username", flat=True)
        )
        for professional, user in created:
            if user.username in taken:
                user.username = f"ssd-{professional}"[:150]
        User.objects.bulk_create([u for _, u in created])
        by_name = dict(User.objects.filter(username__in=[u.username for _, u in created]).values_list("username", "pk"))
        for professional, user in created:
            self.users[professional] = by_name[user.username]
        FeedWorker.objects.bulk_create(
            [FeedWorker(professional_id=p, user_id=self.users[p]) for p in unknown], ignore_conflicts=True
        )

    def _teams(self, wanted):
        names = {}
        for team in wanted - set(self.teams):
            name = (self.departments.get(team, {}).get("dept_team_name") or "").strip()[:120]
            if name:
                names[team] = name
        existing = dict(Team.objects.filter(name__in=list(names.values())).values_list("name", "pk"))
        missing = sorted(set(names.values()) - set(existing))
        Team.objects.bulk_create([Team(name=n) for n in missing], ignore_conflicts=True)
        if missing:
            existing.update(Team.objects.filter(name__in=missing).values_list("name", "pk"))
        for team, name in names.items():
            self.teams[team] = existing[name]

    def user(self, professional):
        return self.users.get(professional) if professional else None

    def team(self, department):
        return self.teams.get(department) if department else None


def resolved(fact, workers):
    """A fact's values as the record's fields: references to workers and teams made ids."""
    v = fact.values
    out = {k: value for k, value in v.items() if k[0] != "_"}
    if fact.kind == "allocation":
        out["worker_id"], out["team_id"] = workers.user(v["_professional"]), workers.team(v["_team"])
    elif fact.kind == "review":
        out["iro_id"] = workers.user(v["_iro"])
    elif fact.kind == "visit":
        out["by_id"] = workers.user(v["_by"])
    return out
