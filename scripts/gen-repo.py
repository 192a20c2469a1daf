#!/usr/bin/env python3
"""Generate a seeded handoff repository (record format version 1) with a believable history.

    scripts/gen-repo.py --out DIR [--accounts N] [--seed S] [--truth FILE]
                        [--defect-share F] [--later-changes N] [--no-additions]

DIR must not exist yet (or be empty). The script creates a Git repository there, writes its
whole history with one `git fast-import` and leaves branch `main` checked out with a clean
work tree and index. Standard library only; needs `git` on PATH.

The history is a sales and success team at work. Each account is its own folder under
`accounts/` and walks prospect -> negotiation -> closed-won -> handed-off -> onboarding, and
some go on to live and later churned; some deals are lost in negotiation and the newest are
still in the pipeline when the history ends. Sales reps author the early commits, success
managers (CSMs) the later ones, and the commits of all accounts interleave in time, on
working days and in each author's own time zone. After close, promises are re-dated,
confirmed, delivered, put at risk, missed or withdrawn with a reason; new ones are added
(scope creep); champions announce they are leaving, threads open and close, contracts renew.
Some closes are recorded incomplete and fixed in a follow-up commit hours or days later.
Unless --no-additions is given, some accounts also use the optional "Additions to version 1"
keys (region, products, handoff.first_value_on, handoff.effort_score, contract.ended_on,
stakeholders' attended_kickoff).

Every record is valid at every commit from close on, with two planned exceptions:

* --defect-share F of the accounts get one defect in their latest state, in a last commit of
  their own (kinds: unknown-key, bad-date, bad-enum, wrong-type, duplicate-key,
  missing-champion, missing-file, duplicate-commitment-id, mitigation-missing). A validator
  must report an error in exactly these accounts and in no other.
* As many other closed accounts silently delete one promise that existed at close, in some
  later commit (a defect only the history shows: `commitment-removed`).

--truth FILE writes what a correct tool must find (JSON, keys sorted):

  accounts             number of accounts (all of them are folders at HEAD)
  commits              number of commits on main
  defective            sorted ids of the accounts with a planted defect
  deleted_after_close  sorted ids of the accounts that silently dropped a promise
  by_account           {id: {...}} with, per account:
      at_close             commitment ids (file order) in the account's close commit, the
                           first commit whose stage is closed-won or later; [] if never closed
      added_after_close    how many commitment ids first appeared after the close commit
      defect               the defect kind, or null
      deleted_after_close  the dropped id (only present for those accounts)
      stage                stage at HEAD (as planned, before any defect)
      segment, sales, success (null before hand-off)
      closed_on            deal.closed_on, or null;  close_commit: its 40-hex commit id, or null
      closed_commit_index  1-based position of the close commit on main (root = 1), or null
      hours_to_complete    hours from the close commit to the first error-free commit
                           (0 when complete at close), or null
      churned, churned_on  whether it churned, and the author's local date of the churned commit
      ended_on             contract.ended_on when written, else null
      first_value_days     first_value_on - closed_on in days when written, else null
      commits              commits that touched the account
  plus seed, additions (bool), head_date, stages ({stage: count}) and closed (count).

Same seed and options give the same commits (identical commit ids) on every run.
GEN_REPO_VERIFY=1 re-renders every file at every commit and fails if an edit was not
written (a check for changes to this script; much slower).
Example: scripts/gen-repo.py --accounts 1000 --seed 1 --out /tmp/bench-1k --truth /tmp/bench-1k.json
"""
import argparse
import datetime
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import unicodedata

# -- calendar -----------------------------------------------------------------------------

EPOCH = datetime.date(2024, 1, 1)  # day 0, a Monday
EPOCH_TS = 1704067200  # 2024-01-01T00:00:00Z
LEAD_WINDOW = 760  # new prospects arrive over this many days
END_DAY = 820  # 2026-03-31: planned work after this day has not happened yet
DAYS = [(EPOCH + datetime.timedelta(days=d)).isoformat() for d in range(4000)]


def iso(day):
    return DAYS[day] if 0 <= day < len(DAYS) else (EPOCH + datetime.timedelta(days=day)).isoformat()


def workday(day):
    """The day itself, or the next Monday for a Saturday or Sunday."""
    weekday = day % 7  # EPOCH is a Monday
    return day + (7 - weekday) if weekday >= 5 else day


def add_months(day, months):
    d = EPOCH + datetime.timedelta(days=day)
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][month - 1]
    return (datetime.date(year, month, min(d.day, last)) - EPOCH).days


def impossible_date(day, rng):
    """A date-looking string that is no calendar day, in the same year as `day`."""
    year = iso(day)[:4]
    month_day = rng.choice(["02-30", "02-31", "04-31", "06-31", "09-31", "11-31", "13-01", "00-10"])
    if int(year) % 4 and rng.random() < 0.3:
        month_day = "02-29"
    return f"{year}-{month_day}"


# -- a small YAML writer ------------------------------------------------------------------


class Pairs(list):
    """A mapping written in the given order, duplicate keys allowed (for planted defects)."""


class Folded(str):
    """A string written as a folded block scalar (`>-`)."""


PLAIN = re.compile(r"[^\W\d_][\w .,'()/&%+@?-]*[\w.)%?]|[^\W\d_]")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


SCALARS = {}  # text -> how it is written


def scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    written = SCALARS.get(value)
    if written is None:
        if DATE.fullmatch(value) or (PLAIN.fullmatch(value) and value.lower() not in RESERVED
                                     and "  " not in value):
            written = value
        else:
            written = json.dumps(value, ensure_ascii=False)
        if len(SCALARS) < 500_000:
            SCALARS[value] = written
    return written


def flowable(items):
    return (all(isinstance(i, str) and PLAIN.fullmatch(i) and not DATE.fullmatch(i)
                and "," not in i and i.lower() not in RESERVED for i in items)
            and sum(len(i) + 2 for i in items) < 60)


def emit_mapping(mapping, indent, out):
    pad = " " * indent
    for key, value in (mapping if isinstance(mapping, Pairs) else mapping.items()):
        if value is None or key[0] == "_":
            continue
        if isinstance(value, (dict, Pairs)):
            out.append(f"{pad}{key}:")
            emit_mapping(value, indent + 2, out)
        elif isinstance(value, list):
            if not value:
                out.append(f"{pad}{key}: []")
            elif flowable(value):
                out.append(f"{pad}{key}: [{', '.join(value)}]")
            else:
                out.append(f"{pad}{key}:")
                emit_list(value, indent + 2, out)
        elif isinstance(value, Folded):
            out.append(f"{pad}{key}: >-")
            for line in textwrap.wrap(value, 76 - indent, break_on_hyphens=False,
                                      break_long_words=False):
                out.append(f"{pad}  {line}")
        else:
            out.append(f"{pad}{key}: {scalar(value)}")


def emit_list(items, indent, out):
    pad = " " * indent
    for item in items:
        if isinstance(item, (dict, Pairs)):
            start = len(out)
            emit_mapping(item, indent + 2, out)
            out[start] = pad + "- " + out[start][indent + 2:]
        else:
            out.append(f"{pad}- {scalar(item)}")


def yaml_text(document, header=None):
    out = [f"# {header}"] if header else []
    emit_mapping(document, 0, out)
    return "\n".join(out) + "\n"


# -- vocabulary -----------------------------------------------------------------------------

TEAM_FIRST = ["Jane", "Raj", "Omar", "Emma", "Li", "Noah", "Sofia", "Ines", "Ken", "Mei", "Ana",
              "Sam", "Priya", "Lucas", "Amara", "Diego", "Hannah", "Yusuf", "Chloe", "Mateo",
              "Grace", "Tariq", "Nora", "Felix", "Leila", "Owen", "Zoe", "Ravi", "Elena",
              "Marcus", "Aisha", "Tom", "Julia", "Kofi", "Sara", "Ben", "Maya", "Ivan", "Lena",
              "Hugo"]
TEAM_LAST = ["Doe", "Patel", "Haddad", "Stone", "Wei", "Berg", "Rossi", "Garcia", "Ito", "Chen",
             "Silva", "Lee", "Nair", "Meyer", "Okafor", "Ramos", "Kim", "Demir", "Dubois",
             "Lopez", "Park", "Aziz", "Novak", "Brandt", "Karimi", "Walsh", "Clarke", "Iyer",
             "Petrova", "Reed", "Bello", "Hughes", "Costa", "Mensah", "Lind", "Cohen", "Rao",
             "Sokolov", "Vogel", "Moreau"]
TEAM_ZONES = [-480, -480, -420, -360, -360, -300, -300, -300, 0, 60]  # minutes east of UTC
VENDOR_DOMAIN = "brightlane.example"

CUSTOMER_FIRST = ["Maria", "James", "Patricia", "Robert", "Linda", "Michael", "Susan", "David",
                  "Karen", "Daniel", "Angela", "Kevin", "Michelle", "Brian", "Denise", "Jason",
                  "José", "Sofía", "Zoë", "Björn", "Siobhán", "Renée", "Ngozi", "Hiroshi",
                  "Aaliyah", "Tremaine", "Guadalupe", "Dmitri", "Fatima", "Connor", "Imani",
                  "Wen", "Esperanza", "Rahul", "Colleen", "Terrence", "Anneliese", "Marisol",
                  "Desmond", "Yolanda"]
CUSTOMER_LAST = ["Lopez", "Whitaker", "Núñez", "Müller", "O'Connor", "García", "Nguyen",
                 "Kowalski", "Johansson", "Martín", "Okoye", "Tanaka", "Brooks", "Hernández",
                 "Fitzgerald", "Washington", "Schmidt", "Delgado", "Abernathy", "Castillo",
                 "Sørensen", "Baptiste", "Yamamoto", "Price", "Gallagher", "Mbeki", "Rivera",
                 "Thibodeaux", "Singh", "Carver", "Lindqvist", "Ortiz", "Holloway", "Achebe",
                 "Morales", "Pryce", "Duarte", "Kaplan", "Ferreira", "Ellison"]

PLACES = ["Lincoln", "Cedar Falls", "Maple Grove", "Riverside", "Fairview", "Oak Ridge",
          "Springfield", "Lakewood", "Franklin", "Greenville", "Clayton", "Madison", "Georgetown",
          "Salem", "Ashland", "Bristol", "Dover", "Hudson", "Kingston", "Milton", "Newport",
          "Oxford", "Quincy", "Weston", "Arlington", "Bayview", "Brookfield", "Canton",
          "Centerville", "Chester", "Clinton", "Dayton", "Easton", "Elmwood", "Glendale",
          "Harmony", "Highland", "Jackson", "Jefferson", "Kensington", "Lexington", "Marion",
          "Mesa Verde", "Northbrook", "Oakdale", "Pinecrest", "Pleasant Hill", "Redwood",
          "Rockport", "Sherwood", "Silver Lake", "Summit", "Sunnyvale", "Troy", "Union City",
          "Valley View", "Warren", "Westfield", "Willow Creek", "Woodland"]
# (name, id suffix, segments it is usually in, seats range)
ORG_TYPES = [
    ("Unified School District", "usd", ["enterprise", "enterprise", "mid-market"], (800, 9000)),
    ("Independent School District", "isd", ["enterprise", "mid-market"], (600, 7000)),
    ("Public Schools", "ps", ["mid-market", "enterprise", "mid-market"], (300, 4000)),
    ("County Schools", "county-schools", ["mid-market", "enterprise"], (400, 5000)),
    ("Community College", "cc", ["mid-market", "smb"], (150, 1500)),
    ("University", "university", ["enterprise", "mid-market"], (500, 6000)),
    ("Technical College", "tech", ["mid-market", "smb"], (100, 900)),
    ("Academy", "academy", ["smb", "smb", "mid-market"], (20, 300)),
    ("Charter School", "charter", ["smb"], (15, 200)),
    ("Preparatory School", "prep", ["smb", "mid-market"], (30, 400)),
    ("Learning Center", "learning", ["smb"], (10, 120)),
    ("School of the Arts", "arts", ["smb"], (15, 150)),
]
# (code, region, currency)
STATES = [("CA", "us-west", "USD"), ("OR", "us-west", "USD"), ("WA", "us-west", "USD"),
          ("AZ", "us-west", "USD"), ("CO", "us-central", "USD"), ("TX", "us-south", "USD"),
          ("IL", "us-central", "USD"), ("MN", "us-central", "USD"), ("OH", "us-central", "USD"),
          ("GA", "us-south", "USD"), ("FL", "us-south", "USD"), ("NC", "us-south", "USD"),
          ("NY", "us-east", "USD"), ("MA", "us-east", "USD"), ("PA", "us-east", "USD"),
          ("VA", "us-east", "USD"), ("NJ", "us-east", "USD"), ("MI", "us-central", "USD"),
          ("ON", "canada", "CAD"), ("BC", "canada", "CAD"), ("UK", "uk-ireland", "GBP"),
          ("IE", "uk-ireland", "EUR")]
PRODUCTS = ["core", "analytics", "assessment", "tutoring", "parent-portal", "sso-connector"]
BUDGETS = ["Title IV-A funds", "General fund", "ESSER III", "Technology levy", "Title I",
           "Department budget", "Grant from the state literacy program", "Capital budget"]
NON_STANDARD = ["Opt-out after 6 months if SSO is not live", "Price held for a second year",
                "Net 60 payment terms", "Data stays in the customer's region",
                "Termination for convenience with 90 days notice"]

PROBLEMS = [
    "Teachers spend five hours a week building differentiated worksheets.",
    "Reading scores in grades 3 to 5 have been flat for three years.",
    "Families cannot see assignments and grades in one place.",
    "Advisors track at-risk students in spreadsheets that are always out of date.",
    "Benchmark assessments take two weeks to grade and come back too late to act on.",
    "New teachers get no structured coaching after their first month.",
    "Course materials live in five different systems and nobody knows which is current.",
    "Attendance interventions start weeks after a student falls behind.",
    "Math placement is done by hand and half the placements are appealed.",
]
WHY_NOW = ["New superintendent's literacy initiative; funds expire in June.",
           "State accreditation review next spring.",
           "Relief funds must be spent before September 30.",
           "The current vendor's contract ends in August.",
           "The board approved a strategic plan focused on attendance.",
           "Enrollment dropped 6% and the board wants retention data.",
           "A new state reporting mandate starts next school year."]
MEASURES = [("Weekly active teachers", "70% of licensed teachers"),
            ("Assignments created in the platform", 500),
            ("Grade 3 reading proficiency", "+8 points on the spring benchmark"),
            ("Time to grade a benchmark", "under 3 days"),
            ("Families logging in each month", "60% of households"),
            ("Chronic absenteeism", "below 12%"),
            ("Students placed without appeal", "90%"),
            ("Coaching sessions logged per new teacher", 6)]
TIMELINES = ["Visible results before winter break", "All schools live by the first day of school",
             "Pilot results to show the board in March",
             "Adoption above target by the end of the first semester",
             "Every campus rostered within a month of kickoff"]
MILESTONES = {30: ["All teachers rostered through Clever", "Admins trained and reports set up",
                   "Pilot schools live"],
              60: ["Half of the teachers active weekly", "First benchmark graded in the platform"],
              90: ["Adoption target reached", "District-wide rollout done",
                   "First board report from the platform"]}
PREVIOUS = [("Paper worksheet banks", "Not differentiated, not tracked"),
            ("A homegrown spreadsheet", "Nobody kept it up to date"),
            ("Competitor A", "Teachers found it slow and hard to roster"),
            ("The SIS's built-in module", "No reporting for principals"),
            ("Free tools chosen by each school", "No shared data across campuses")]
COMPETITORS = ["Competitor A", "Competitor B", "Competitor C", "Build in-house"]
NEARLY_STOPPED = ["District IT security review", "Budget freeze in March",
                  "Union concerns about teacher evaluation data", "A late bid from Competitor B"]

# role -> possible titles
TITLES = {
    "economic-buyer": ["Superintendent", "Chief Financial Officer", "Provost",
                       "Director of Finance", "Head of School"],
    "champion": ["Director of Curriculum", "Instructional Technology Coach",
                 "Assistant Principal", "Dean of Academic Affairs", "Literacy Coordinator"],
    "technical-decision-maker": ["IT Director", "Chief Technology Officer", "Systems Administrator"],
    "executive-sponsor": ["Assistant Superintendent", "Chief Academic Officer", "Vice Provost"],
    "end-user": ["Lead Teacher", "Department Chair", "Grade 4 Teacher", "Reading Specialist"],
    "admin": ["Data Administrator", "Registrar", "Help Desk Lead"],
    "evaluator": ["Curriculum Committee Chair", "Assessment Coordinator"],
    "influencer": ["Principal", "Board Member", "Parent Council Chair"],
}
PERSON_NOTES = ["Reports adoption to the board quarterly", "Prefers short weekly updates",
                "Ran the pilot last spring", "Signs off on every data agreement",
                "Wants a usage report before each board meeting"]

# kind -> [(slug, promise, usual owner)]
PROMISES = {
    "feature": [("gradebook-export", "Gradebook export to CSV for every school", "product"),
                ("offline-mode", "Offline mode in the iPad app", "product"),
                ("spanish-ui", "Spanish user interface for families", "product"),
                ("principal-dashboard", "A principal dashboard with weekly usage", "product"),
                ("accessibility-audit", "WCAG 2.1 AA audit report before rollout", "product")],
    "integration": [("clever-sso", "Clever SSO live before the first day of school", "implementation"),
                    ("powerschool-sync", "Grades sync back to PowerSchool nightly", "implementation"),
                    ("canvas-lti", "Canvas LTI 1.3 integration for all courses", "implementation"),
                    ("google-classroom", "Google Classroom roster sync", "implementation"),
                    ("classlink-sso", "ClassLink single sign-on", "implementation")],
    "timeline": [("live-before-term", "All schools live before the start of term", "success"),
                 ("pilot-in-30-days", "Pilot in three schools within 30 days of kickoff", "success"),
                 ("rostering-in-2-weeks", "Rostering finished two weeks after kickoff", "implementation")],
    "training": [("teacher-pd-day", "One on-site professional development day for teachers", "success"),
                 ("admin-training", "Two remote training sessions for admins", "success"),
                 ("train-the-trainer", "Train-the-trainer program for ten coaches", "success")],
    "support": [("priority-support", "Priority support with a four-hour response time", "support"),
                ("named-csm", "A named CSM with monthly check-ins", "success"),
                ("weekend-support", "Weekend support during the first month", "support")],
    "pricing": [("price-lock", "Price locked for the first renewal", "sales"),
                ("pilot-seats-free", "Fifty free seats for the pilot school", "sales"),
                ("multi-year-discount", "A further 5% off if the second year is signed early", "sales")],
    "custom": [("custom-rubrics", "Custom rubric templates for the district's writing standard", "implementation"),
               ("data-migration", "Migrate three years of assessment data", "implementation"),
               ("branded-portal", "A parent portal in the district's colours", "implementation")],
    "other": [("case-study", "A joint case study after the first semester", "sales"),
              ("advisory-board", "A seat on the customer advisory board", "customer")],
}
KIND_WEIGHTS = ["feature", "feature", "integration", "integration", "timeline", "training",
                "training", "support", "pricing", "custom", "other"]
WITHDRAWN = ["Customer chose to build the report in-house",
             "Replaced by the Canvas integration", "The pilot school was closed",
             "Customer no longer needs it after the SIS change",
             "Dropped in the reconciliation call; not in the order form"]
REDATE_NOTES = ["Moved after the IT security review slipped", "Customer asked to wait for term two",
                "Depends on the rostering vendor", "Product moved the release"]
FLAGS = [("champion-retiring", "stakeholder", "Champion retires at the end of the school year",
          "Name a successor before kickoff"),
         ("it-security-review", "timeline", "District IT security review not finished", None),
         ("dpa-unsigned", "timeline", "Data privacy agreement not signed yet",
          "Legal to send the standard DPA this week"),
         ("board-vote", "timeline", "Board votes on next year's budget in June", None),
         ("sso-before-vendor", "promise", "SSO promised before the rostering vendor is chosen", None),
         ("teacher-buy-in", "stakeholder", "Teachers' union is wary of new tools",
          "Invite two union reps to the pilot"),
         ("three-week-golive", "timeline", "Go-live promised within three weeks", None),
         ("roadmap-promise", "promise", "A roadmap feature was shown as available", None),
         ("new-superintendent", "stakeholder", "Superintendent changes in July", None),
         ("budget-cut", "promise", "Budget cut may reduce seats at renewal", None)]
DEPENDENCIES = ["District IT must sign the data privacy agreement",
                "The rostering vendor has to be chosen first",
                "Teachers need their new devices before training",
                "The SIS upgrade in July must finish"]
QUESTIONS = ["Can grades sync back to PowerSchool?", "Who approves new courses in the catalog?",
             "Does the district need SAML or OIDC for SSO?", "Can parents get a Spanish digest?",
             "How long is usage data kept after the contract ends?",
             "Who owns rostering for mid-year transfers?"]
LOST_REASONS = ["Chose Competitor B on price", "Budget was moved to devices",
                "Board postponed the purchase", "Went with the SIS vendor's module"]

DEFECTS = ["unknown-key", "bad-date", "bad-enum", "missing-champion", "missing-file",
           "duplicate-key", "wrong-type", "duplicate-commitment-id", "mitigation-missing"]
ASCII_FOR = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "đ": "d", "ł": "l"})
THRESHOLD = 3
RECORD_FILES = ["account.yaml", "goals.yaml", "stakeholders.yaml", "commitments.yaml", "risks.yaml",
                "threads.yaml", "notes.md"]
ALL = "all"  # every file may have changed


def slug(text):
    text = unicodedata.normalize("NFKD", text.translate(ASCII_FOR)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Person:
    def __init__(self, first, last, zone):
        self.handle = f"{first.lower()}.{last.lower()}"
        self.ident = f"{first} {last} <{self.handle}@{VENDOR_DOMAIN}>"
        self.zone = zone
        sign = "-" if zone < 0 else "+"
        self.tz = f"{sign}{abs(zone) // 60:02d}{abs(zone) % 60:02d}"


def make_team(accounts, seed):
    rng = random.Random(f"{seed}:team")
    names = [(f, l) for f in TEAM_FIRST for l in TEAM_LAST]
    rng.shuffle(names)
    # The spec's examples first: jane.doe sells, raj.patel succeeds.
    names.remove(("Jane", "Doe"))
    names.remove(("Raj", "Patel"))
    reps_n = max(4, min(150, round(accounts / 45)))
    csms_n = max(3, min(120, round(accounts / 60)))
    people = [("Jane", "Doe")] + names[:reps_n - 1] + [("Raj", "Patel")] + names[reps_n - 1:reps_n + csms_n - 2]
    team = [Person(f, l, rng.choice(TEAM_ZONES)) for f, l in people]
    ops = Person("Morgan", "Ellis", -300)  # revenue operations: owns the settings
    return team[:reps_n], team[reps_n:], ops


# -- one account ----------------------------------------------------------------------------


class Account:
    def __init__(self, n, seed, reps, csms, taken, additions):
        self.n = n
        self.rng = r = random.Random(f"{seed}:account:{n}")
        place = r.choice(PLACES)
        org, suffix, segments, seats = r.choice(ORG_TYPES)
        state, self.region, self.currency = r.choice(STATES[:18]) if r.random() < 0.9 else r.choice(STATES)
        ident, self.name = f"{slug(place)}-{suffix}", f"{place} {org}"
        if ident in taken:
            ident, self.name = f"{ident}-{state.lower()}", f"{self.name} ({state})"
        base, k = ident, 2
        while ident in taken:
            ident, k = f"{base}-{k}", k + 1
        taken.add(ident)
        self.id = ident
        self.domain = f"{slug(place).replace('-', '')}{suffix.replace('-', '')}.example"
        self.segment = r.choice(segments)
        self.seat_range = seats
        self.rep = r.choice(reps)
        self.csm = r.choice(csms)
        self.additions = additions
        self.uses_additions = additions and r.random() < 0.75
        # state of the record
        self.stage = "prospect"
        self.files = {}  # path inside the account folder -> text last written
        self.success = None
        self.products = None
        self.deal = {}
        self.contract = {}
        self.handoff = {}
        self.crm = None
        self.goals = None
        self.people = []
        self.commitments = None
        self.not_promised = None
        self.used_ids = set()
        self.flags = None
        self.dependencies = None
        self.plan = None
        self.threads = None
        self.notes = None
        self.extra = {}  # x- keys in account.yaml
        self.pending = None  # what an incomplete close left out
        self.defect = None
        self.defect_detail = None
        self.dirty = ALL  # files whose content the next commit must look at
        # plan and truth
        self.events = []
        self.last_ts = 0
        self.truth = {"at_close": [], "added_after_close": 0, "defect": None}
        self.close_mark = None
        self.close_ts = None
        self.complete_ts = None
        self.churned_on = None
        self.touches = 0

    # -- planning ---------------------------------------------------------------------------

    def stamp(self, day, who):
        """A commit time on `day` (moved off weekends), in `who`'s working hours, after the last."""
        r = self.rng
        if r.random() < 0.93:
            day = workday(day)
        local = r.randrange(8 * 3600 + 1800, 18 * 3600 + 1800)
        ts = EPOCH_TS + day * 86400 + local - who.zone * 60
        if ts <= self.last_ts:
            ts = self.last_ts + r.randrange(240, 3 * 3600)
        self.last_ts = ts
        return ts

    def at(self, day, kind, who, **payload):
        self.events.append((self.stamp(day, who), kind, who, payload))

    def planned(self, later_changes):
        r = self.rng
        seg = self.segment
        lead = r.randrange(0, LEAD_WINDOW)
        self.at(lead, "prospect", self.rep)
        neg = lead + r.randrange(*{"smb": (4, 20), "mid-market": (8, 40), "enterprise": (15, 70)}[seg])
        self.at(neg, "negotiation", self.rep)
        cycle = r.randrange(*{"smb": (7, 30), "mid-market": (14, 60), "enterprise": (30, 120)}[seg])
        close = neg + cycle
        for update in sorted(r.randrange(1, cycle) for _ in range(r.choice([0, 0, 1, 1, 1, 2, 2, 3]))):
            self.at(neg + update, "negotiation-update", self.rep)
        if r.random() < 0.12:
            self.at(close, "lost", self.rep)
            return self.cut()
        close = workday(close)
        self.at(close, "close", self.rep, close_day=close)
        close_ts = self.last_ts
        if r.random() < 0.13 and close < END_DAY - 10:
            self.pending = r.choice(["risks", "champion", "renewal"])
            ts = close_ts + r.choice([r.randrange(1800, 6 * 3600), r.randrange(6 * 3600, 30 * 3600),
                                      r.randrange(30 * 3600, 6 * 86400)])
            self.last_ts = ts
            self.events.append((ts, "complete", self.rep, {}))
        # Days of everything that follows close; each becomes one commit, in day order.
        later = []
        intro = workday(close + r.choice([1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 12]))
        kickoff = workday(intro + r.choice([0, 1, 2, 3, 5, 7, 8, 10, 14]))
        reconciled = workday(kickoff + r.choice([0, 1, 1, 2, 3, 5, 7, 9]))
        self.intro, self.kickoff, self.reconciled = intro, kickoff, reconciled
        handed_off = intro + r.choice([0, 0, 0, 1])
        later.append((handed_off, 1, "handed-off"))
        later.append((max(handed_off, reconciled + r.choice([0, 0, 1])), 2, "onboarding"))
        if self.uses_additions and r.random() < 0.7:
            later.append((close + 14 + r.randrange(0, 5), 3, "effort"))
        start_on = workday(close + r.choice([3, 7, 10, 14, 21, 30, 45]))
        term = r.choice([12, 12, 12, 12, 24, 36])
        self.start_on, self.term = start_on, term
        self.renewal_on = add_months(start_on, term) - 1
        span = r.randrange(120, 420)
        count = max(0, later_changes + r.choice([-2, -1, -1, 0, 0, 0, 1, 1, 2])) if later_changes else 0
        for _ in range(count):
            later.append((reconciled + 2 + r.randrange(0, span), 4, "change"))
        churn = None
        if r.random() < 0.72:
            fv = {"smb": (8, 45), "mid-market": (15, 80), "enterprise": (25, 140)}[seg]
            live = max(close + r.randrange(*fv), reconciled + 2)
            self.live_on = live
            later.append((live, 5, "live"))
            if r.random() < 0.2:
                churn = live + r.randrange(20, 420)
                if churn > self.renewal_on:
                    churn = self.renewal_on - r.randrange(0, 20)  # not renewed
                churn = max(churn, live + 5)
                later.append((churn, 7, "churn"))
        renewal = self.renewal_on
        while renewal < END_DAY and (churn is None or churn > renewal):
            later.append((renewal - r.randrange(5, 40), 6, "renew"))
            renewal = add_months(renewal + 1, 12) - 1
        later.sort()
        for day, _, kind in later:
            if churn is not None and kind in ("change", "renew") and day >= churn:
                continue
            who = self.rep if kind == "handed-off" and r.random() < 0.5 else self.csm
            if kind == "change" and r.random() < 0.25:
                who = self.rep
            self.at(day, kind, who)
        return self.cut()

    def cut(self):
        """Drop what was planned after the end of the history."""
        end = EPOCH_TS + (END_DAY + 1) * 86400
        keep = [e for e in self.events if e[0] < end or e[1] == "complete"]
        self.events = keep
        self.last_ts = keep[-1][0]
        return self.events

    def closes(self):
        return any(e[1] == "close" for e in self.events)

    def working_hours(self, day, who):
        """A time in `who`'s working hours on `day` (moved off weekends, mostly)."""
        r = self.rng
        if r.random() < 0.93:
            day = workday(day)
        return EPOCH_TS + day * 86400 + r.randrange(8 * 3600 + 1800, 18 * 3600 + 1800) - who.zone * 60

    def add_delete(self):
        """Some later commit silently drops a promise made by close."""
        r = self.rng
        close_ts = next(e[0] for e in self.events if e[1] == "close")
        close_day, last_day = ((ts - EPOCH_TS) // 86400 for ts in (close_ts, self.events[-1][0]))
        who = r.choice([self.rep, self.csm])
        ts = self.working_hours(r.randrange(close_day + 1, max(close_day + 3, last_day) + 5), who)
        if ts <= close_ts + 3600:
            ts = close_ts + r.randrange(3600, 4 * 3600)
        while any(e[0] == ts for e in self.events):
            ts += 1
        self.events.append((ts, "delete", who, {}))
        self.events.sort(key=lambda e: e[0])

    def add_defect(self, kind):
        """The account's last commit plants the defect."""
        r = self.rng
        who = r.choice([self.rep, self.csm])
        last = self.events[-1][0]
        ts = self.working_hours((last - EPOCH_TS) // 86400 + r.randrange(1, 20), who)
        if ts <= last:
            ts = last + r.randrange(600, 2 * 3600)
        self.events.append((ts, "defect", who, {"kind": kind}))

    # -- content helpers ----------------------------------------------------------------------

    def new_person(self, role, extra_roles=()):
        r = self.rng
        taken = {p["name"] for p in self.people}
        while True:
            first, last = r.choice(CUSTOMER_FIRST), r.choice(CUSTOMER_LAST)
            name = f"{first} {last}"
            if role == "economic-buyer" and r.random() < 0.3:
                name = "Dr. " + name
            if name not in taken:
                break
        person = {"name": name, "title": r.choice(TITLES[role]),
                  "roles": [role] + [x for x in extra_roles if x != role]}
        stance = {"economic-buyer": ["supportive"] * 6 + ["neutral", "neutral", "skeptical"],
                  "champion": ["supportive"] * 12 + ["neutral"],
                  "technical-decision-maker": ["supportive", "neutral", "neutral", "skeptical", "unknown"],
                  "executive-sponsor": ["supportive", "supportive", "neutral", "skeptical"],
                  "end-user": ["supportive", "supportive", "neutral", "skeptical"],
                  "admin": ["supportive", "neutral", "unknown"],
                  "evaluator": ["supportive", "neutral", "skeptical"],
                  "influencer": ["supportive", "neutral", "skeptical", "blocker", "unknown"]}[role]
        person["stance"] = r.choice(stance)
        if r.random() < 0.8:
            person["contact"] = f"{slug(first).replace('-', '')}.{slug(last).replace('-', '')}@{self.domain}"
        if r.random() < 0.5:
            person["prefers"] = r.choice(["email", "email", "phone", "chat", "meeting"])
        if role in ("end-user", "evaluator", "technical-decision-maker") and r.random() < 0.75:
            person["involved_in_evaluation"] = r.random() < 0.8
        if r.random() < 0.2:
            person["notes"] = r.choice(PERSON_NOTES)
        self.people.append(person)
        return person

    def new_commitment(self, day, made_by, sources=None, status="open"):
        r = self.rng
        kind = r.choice(KIND_WEIGHTS)
        ident, promise, owner = r.choice(PROMISES[kind])
        base, k = ident, 2
        while ident in self.used_ids:
            ident, k = f"{base}-{k}", k + 1
        self.used_ids.add(ident)
        source = r.choice(sources or ["contract", "order-form", "order-form", "proposal",
                                      "proposal", "email", "email", "call", "demo"])
        in_contract = source in ("contract", "order-form") or (source in ("proposal", "email") and r.random() < 0.3)
        c = {"id": ident, "promise": promise, "kind": kind, "source": source,
             "in_contract": in_contract, "made_by": made_by.handle,
             "owner": owner if r.random() < 0.8 else r.choice(["sales", "success", "implementation",
                                                                "product", "support", "customer"]),
             "due": None, "status": status, "roadmap": None, "withdrawn_reason": None, "note": None}
        if r.random() < 0.85:
            start = self.contract.get("start")
            anchor = start if start else day + 20
            c["due"] = iso(anchor + r.choice([r.randrange(-25, 0), *[r.randrange(5, 160)] * 5]))
            if c["due"] <= iso(day):
                c["due"] = iso(day + r.randrange(3, 40))
        if kind == "feature" and r.random() < 0.3:
            c["roadmap"] = True
        if r.random() < 0.15:
            c["note"] = r.choice(["Confirmed in writing after the demo", "Customer's top priority",
                                  "Needs the SSO integration first", "Agreed in the final call"])
        self.commitments.append(c)
        return c

    def new_flag(self):
        r = self.rng
        options = [f for f in FLAGS if f[0] not in {x["id"] for x in self.flags}]
        if not options:
            ident = f"risk-{len(self.flags) + 1}"
            while ident in {x["id"] for x in self.flags}:
                ident += "-b"
            options = [(ident, "timeline", "Another timeline risk raised in the weekly call", None)]
        ident, category, text, mitigation = r.choice(options)
        flag = {"id": ident, "category": category, "flag": text, "mitigation": mitigation}
        self.flags.append(flag)
        return flag

    def derived_flags(self):
        """Derived red flags, counted as the spec counts them (an upper bound: status ignored)."""
        n = 0
        cs = self.commitments or []
        if any(not c["in_contract"] and c["source"] in ("call", "demo") for c in cs):
            n += 1
        if any(c.get("roadmap") for c in cs):
            n += 1
        if self.deal.get("discount_pct", 0) >= 25:
            n += 1
        champions = [p for p in self.visible_people() if "champion" in p["roles"]]
        if any(p.get("leaving_on") or p["stance"] != "supportive" for p in champions):
            n += 1
        if self.people and not any("end-user" in p["roles"] and p.get("involved_in_evaluation") is True
                                   for p in self.visible_people()):
            n += 1
        if any(p["stance"] in ("skeptical", "blocker")
               and ({"economic-buyer", "executive-sponsor"} & set(p["roles"])) for p in self.people):
            n += 1
        start = self.contract.get("start")
        if start and any(c.get("due") and c["due"] < iso(start) for c in cs):
            n += 1
        return n

    def touch(self, *names):
        if self.dirty is not ALL:
            self.dirty.update(names)

    def visible_people(self):
        return [p for p in self.people if not p.get("_hidden")]

    def ensure_plan(self, day, owner):
        """A mitigation plan once the red flags exceed the threshold; it then stays."""
        if self.flags is None or self.plan is not None:
            return
        if len(self.flags) + self.derived_flags() > THRESHOLD - 1 or self.rng.random() < 0.02:
            r = self.rng
            self.touch("risks.yaml")
            self.plan = {"owner": owner.handle,
                         "summary": r.choice(["Weekly risk review until kickoff is done",
                                              "Escalate the security review to the CTO; weekly check-in",
                                              "Exec sponsor call every two weeks until go-live",
                                              "Named successor for the champion before term ends"]),
                         "review_on": iso(day + r.randrange(7, 30)) if r.random() < 0.8 else None}

    def open_commitments(self):
        return [c for c in self.commitments or [] if c["status"] not in ("delivered", "withdrawn", "missed")]

    # -- rendering --------------------------------------------------------------------------

    def document(self, name):
        """The document of one record file as it stands (None when the file does not exist)."""
        if name == "account.yaml":
            account = {"name": self.name, "stage": self.stage, "segment": self.segment}
            if self.uses_additions and self.region_shown:
                account["region"] = self.region
            account["owners"] = {"sales": self.rep.handle, "success": self.success}
            if self.products:
                account["products"] = list(self.products)
            if self.deal:
                account["deal"] = {k: self.deal.get(k) for k in
                                   ("closed_on", "arr", "currency", "discount_pct", "budget_source")}
                account["deal"]["closed_on"] = iso(self.deal["closed_on"]) if "closed_on" in self.deal else None
            if self.contract:
                c = self.contract
                account["contract"] = {
                    "start": iso(c["start"]), "term_months": c["term_months"],
                    "renewal": iso(c["renewal"]) if self.pending != "renewal" else None,
                    "seats": c.get("seats"), "non_standard_terms": c.get("non_standard_terms"),
                    "ended_on": iso(c["ended_on"]) if "ended_on" in c else None}
            if self.handoff:
                h = self.handoff
                account["handoff"] = {k: (iso(h[k]) if k in h and k not in ("csm_confidence", "effort_score") else h.get(k))
                                      for k in ("intro_meeting", "kickoff", "reconciled_on", "warm_transition_until",
                                                "csm_confidence", "first_value_on", "effort_score")}
            account.update(self.extra)
            if self.crm:
                account["x-crm"] = self.crm
            return account
        if name == "goals.yaml":
            return self.goals
        if name == "stakeholders.yaml":
            return {"stakeholders": self.visible_people()} if self.people else None
        if name == "commitments.yaml":
            if self.commitments is None:
                return None
            return {"commitments": self.commitments, "not_promised": self.not_promised}
        if name == "risks.yaml":
            if self.flags is None or self.pending == "risks":
                return None
            return {"red_flags": self.flags, "dependencies": self.dependencies, "mitigation_plan": self.plan}
        if name == "threads.yaml":
            return None if self.threads is None else {"open_threads": self.threads}
        raise KeyError(name)

    def text(self, name):
        if name == "notes.md":
            return self.notes
        doc = self.document(name)
        if doc is not None and self.defect:
            doc = self.apply_defect(name, doc)
        return None if doc is None else yaml_text(doc)

    def changes(self, verify=False):
        """(path in the folder, new text or None for deleted) of the files the last event changed."""
        names = RECORD_FILES if self.dirty is ALL else [n for n in RECORD_FILES if n in self.dirty]
        self.dirty = set()
        out = []
        for name in names:
            text = self.text(name)
            if text != self.files.get(name):
                out.append((name, text))
                if text is None:
                    del self.files[name]
                else:
                    self.files[name] = text
        if verify:
            full = {n: t for n in RECORD_FILES for t in [self.text(n)] if t is not None}
            assert full == self.files, f"{self.id}: a changed file was not marked"
        return out

    def apply_defect(self, name, doc):
        kind, detail = self.defect, self.defect_detail

        def rename(mapping, old, new):
            return {(new if k == old else k): v for k, v in mapping.items()}

        if name == "account.yaml":
            if kind == "unknown-key":
                where, old, new = detail
                if where is None:
                    return rename(doc, old, new)
                doc[where] = rename(doc[where], old, new)
            elif kind in ("bad-date", "bad-enum", "wrong-type"):
                where, key, value = detail
                (doc if where is None else doc[where])[key] = value
            elif kind == "duplicate-key":
                where, key, offset = detail
                mapping = doc if where is None else doc[where]
                pairs = Pairs((k, v) for k, v in mapping.items() if v is not None)
                index = [k for k, _ in pairs].index(key)
                pairs.insert(index + 1 + offset % (len(pairs) - index), (key, mapping[key]))
                if where is None:
                    return pairs
                doc[where] = pairs
        elif name == "stakeholders.yaml" and kind == "missing-champion":
            people = []
            for p in doc["stakeholders"]:
                if "champion" in p["roles"]:
                    p = dict(p, roles=[x for x in p["roles"] if x != "champion"] or [detail])
                people.append(p)
            return {"stakeholders": people}
        elif name == "goals.yaml" and kind == "missing-file":
            return None
        elif name == "risks.yaml" and kind == "mitigation-missing":
            return dict(doc, mitigation_plan=None)
        # duplicate-commitment-id changes the commitments themselves (see on_defect)
        return doc

    # -- events -------------------------------------------------------------------------------

    def apply(self, kind, who, ts, payload):
        """Change the record for one event; returns the commit message."""
        r = self.rng
        day = (ts + who.zone * 60 - EPOCH_TS) // 86400  # the author's local day
        handler = getattr(self, "on_" + kind.replace("-", "_"))
        return handler(r, day, who, payload)

    def on_prospect(self, r, day, who, _):
        self.touch("account.yaml", "notes.md")
        self.region_shown = r.random() < 0.8
        if r.random() < 0.4:
            self.crm = {"system": r.choice(["salesforce", "salesforce", "hubspot"]),
                        "opportunity": f"0065g{r.randrange(10**9, 10**10)}AbC"}
        if r.random() < 0.3:
            self.notes = (f"# {self.name}\n\nFirst call {iso(day)} with the "
                          f"{r.choice(['curriculum office', 'IT team', 'superintendent', 'dean'])}."
                          f" They found us through {r.choice(['a conference', 'a referral', 'the website', 'a webinar'])}.\n")
        return r.choice([f"{self.id}: new prospect", f"Add prospect {self.name}",
                         f"{self.id}: first call, new record"])

    def on_negotiation(self, r, day, who, _):
        self.touch("account.yaml", "goals.yaml", "stakeholders.yaml", "commitments.yaml")
        self.stage = "negotiation"
        low, high = self.seat_range
        self.seats = r.randrange(low, high)
        base, price = {"smb": (1500, 30), "mid-market": (6000, 22), "enterprise": (18000, 16)}[self.segment]
        self.deal = {"arr": int(round(base + self.seats * price * r.uniform(0.8, 1.3), -2)),
                     "currency": self.currency,
                     "discount_pct": r.choice([0, 0, 5, 10, 10, 15, 20, 20, 25, 30, 40])}
        problem = r.choice(PROBLEMS)
        self.goals = {
            "problem": Folded(problem) if r.random() < 0.4 else problem,
            "why_now": r.choice(WHY_NOW),
            "success_criteria": [],
            "timeline_expectation": r.choice(TIMELINES),
        }
        for measure, target in r.sample(MEASURES, r.choice([1, 1, 2, 2, 3])):
            item = {"measure": measure, "target": target}
            if r.random() < 0.6:
                item["by"] = iso(day + r.randrange(90, 300))
            self.goals["success_criteria"].append(item)
        if r.random() < 0.5:
            self.goals["evaluated"] = sorted(r.sample(COMPETITORS, r.choice([1, 2, 2, 3])))
        self.new_person("economic-buyer")
        self.new_person("champion", ["end-user"] if r.random() < 0.1 else [])
        if r.random() < 0.5:
            self.new_person("technical-decision-maker")
        if r.random() < 0.4:
            self.commitments, self.not_promised = [], None
            for _ in range(r.choice([1, 1, 2])):
                self.new_commitment(day, self.rep, ["proposal", "email", "call", "demo"])
        return r.choice([f"{self.id}: negotiation, proposal sent", f"{self.id}: move to negotiation",
                         f"{self.name}: negotiating; goals and first stakeholders"])

    def on_negotiation_update(self, r, day, who, _):
        self.touch("account.yaml", "goals.yaml", "stakeholders.yaml", "commitments.yaml")
        roll = r.random()
        if roll < 0.35:
            role = r.choice(["end-user", "end-user", "technical-decision-maker", "executive-sponsor",
                             "evaluator", "influencer", "admin"])
            p = self.new_person(role)
            return f"{self.id}: add {p['name']} ({p['title']})"
        if roll < 0.6:
            if self.commitments is None:
                self.commitments, self.not_promised = [], None
            c = self.new_commitment(day, self.rep, ["proposal", "email", "call", "demo"])
            return f"{self.id}: note promise {c['id']} from the {c['source']}"
        if roll < 0.75 and self.commitments:
            c = self.commitments.pop(r.randrange(len(self.commitments)))
            return f"{self.id}: drop draft promise {c['id']} (not offered in the end)"
        if roll < 0.9:
            self.deal["discount_pct"] = r.choice([5, 10, 15, 20, 25, 30])
            return f"{self.id}: revised proposal, {self.deal['discount_pct']}% discount"
        self.goals["previous_solutions"] = [dict(zip(("tried", "why_not"), p)) for p in r.sample(PREVIOUS, r.choice([1, 2]))]
        return f"{self.id}: what they tried before"

    def on_lost(self, r, day, who, _):
        self.touch("account.yaml", "notes.md")
        self.stage = "lost"
        reason = r.choice(LOST_REASONS)
        self.extra["x-lost_reason"] = reason
        if self.notes:
            self.notes += f"\nLost on {iso(day)}: {reason.lower()}.\n"
        return f"{self.id}: lost ({reason.lower()})"

    def on_close(self, r, day, who, payload):
        self.dirty = ALL
        close = payload["close_day"]
        self.stage = "closed-won"
        self.deal = {"closed_on": close, **self.deal}
        if r.random() < 0.85:
            self.deal["budget_source"] = r.choice(BUDGETS)
        self.contract = {"start": self.start_on, "term_months": self.term, "renewal": self.renewal_on}
        if r.random() < 0.9:
            self.contract["seats"] = self.seats
        if r.random() < 0.25:
            self.contract["non_standard_terms"] = r.sample(NON_STANDARD, r.choice([1, 1, 2]))
        if self.uses_additions and r.random() < 0.8:
            self.products = ["core"] + sorted(r.sample(PRODUCTS[1:], r.choice([0, 1, 1, 2])), key=PRODUCTS.index)
        if r.random() < 0.5:
            self.goals["milestones"] = [{"day": d, "outcome": r.choice(MILESTONES[d])}
                                        for d in (30, 60, 90) if r.random() < 0.7] or None
        if r.random() < 0.35 and "previous_solutions" not in self.goals:
            self.goals["previous_solutions"] = [dict(zip(("tried", "why_not"), r.choice(PREVIOUS)))]
        if r.random() < 0.2:
            self.goals["nearly_stopped_by"] = r.choice(NEARLY_STOPPED)
        if not any("end-user" in p["roles"] for p in self.people) and r.random() < 0.85:
            self.new_person("end-user")
        if r.random() < 0.3:
            self.new_person(r.choice(["executive-sponsor", "admin", "influencer", "evaluator"]))
        if self.commitments is None:
            self.commitments = []
        while len(self.commitments) < 2 or (len(self.commitments) < 7 and r.random() < 0.55):
            self.new_commitment(day, self.rep, status=r.choice(["open", "open", "confirmed"]))
        unpromised = sorted(set(PROMISES) - {c["kind"] for c in self.commitments})
        if unpromised and r.random() < 0.3:
            self.not_promised = sorted(r.sample(unpromised, min(len(unpromised), r.choice([1, 2]))))
        self.flags = []
        for _ in range(r.choice([0, 0, 1, 1, 1, 2, 2, 3])):
            self.new_flag()
        if r.random() < 0.4:
            self.dependencies = r.sample(DEPENDENCIES, r.choice([1, 1, 2]))
        if r.random() < 0.5:
            self.threads = [{"question": q, "raised_by": r.choice(self.people)["name"],
                             "owner": self.rep.handle,
                             "due": iso(day + r.randrange(7, 45)) if r.random() < 0.6 else None}
                            for q in r.sample(QUESTIONS, r.choice([1, 1, 2, 3]))]
        if self.pending == "champion":
            for p in self.people:
                if "champion" in p["roles"]:
                    p["_hidden"] = True
        self.ensure_plan(day, self.rep)
        self.truth["at_close"] = [c["id"] for c in self.commitments]
        return r.choice([f"{self.id}: closed-won, handoff record",
                         f"{self.name}: closed-won ({self.deal['arr']} {self.currency} ARR)",
                         f"{self.id}: closed-won\n\nCommitments, risks and stakeholders from the deal desk review.\n"])

    def on_complete(self, r, day, who, _):
        self.touch("account.yaml", "stakeholders.yaml", "risks.yaml")
        what = {"risks": "add risks.yaml", "champion": "add the champion to stakeholders",
                "renewal": "add the renewal date"}[self.pending]
        self.pending = None
        for p in self.people:
            p.pop("_hidden", None)
        self.ensure_plan(day, self.rep)
        return f"{self.id}: {what} (handoff record incomplete at close)"

    def on_handed_off(self, r, day, who, _):
        self.touch("account.yaml", "threads.yaml")
        self.stage = "handed-off"
        self.success = self.csm.handle
        self.handoff.update({"intro_meeting": self.intro, "kickoff": self.kickoff})
        if r.random() < 0.6:
            self.handoff["warm_transition_until"] = self.deal["closed_on"] + r.choice([14, 21, 30, 30, 35, 45])
        for t in self.threads or []:
            if r.random() < 0.5:
                t["owner"] = self.csm.handle
        return r.choice([f"{self.id}: handed off to {self.csm.handle}",
                         f"{self.id}: intro meeting done, kickoff on {iso(self.kickoff)}",
                         f"{self.name}: handed-off"])

    def on_onboarding(self, r, day, who, _):
        self.touch("account.yaml", "stakeholders.yaml", "commitments.yaml", "threads.yaml")
        self.stage = "onboarding"
        self.handoff["reconciled_on"] = self.reconciled
        if r.random() < 0.85:
            self.handoff["csm_confidence"] = r.choice([2, 3, 3, 4, 4, 4, 5])
        if self.uses_additions and r.random() < 0.65:
            for p in self.people:
                if r.random() < 0.85:
                    p["attended_kickoff"] = r.random() < 0.75
        for c in self.commitments:
            if c["status"] == "open" and r.random() < 0.4:
                c["status"] = "confirmed"
        if self.threads and r.random() < 0.5:
            self.threads.pop(0)
        self.ensure_plan(day, self.csm)
        return r.choice([f"{self.id}: onboarding; every promise walked through with the customer",
                         f"{self.id}: kickoff done, commitments reconciled",
                         f"{self.name}: onboarding"])

    def on_effort(self, r, day, who, _):
        self.touch("account.yaml")
        self.handoff["effort_score"] = r.choice([2, 3, 3, 4, 4, 4, 5, 5])
        return f"{self.id}: day-14 effort survey, {self.handoff['effort_score']} of 5"

    def on_live(self, r, day, who, _):
        self.touch("account.yaml", "commitments.yaml")
        self.stage = "live"
        if self.uses_additions and r.random() < 0.8:
            self.handoff["first_value_on"] = self.live_on
        for c in self.open_commitments():
            if c["kind"] in ("timeline", "integration") and r.random() < 0.6:
                c["status"] = "delivered"
        self.ensure_plan(day, self.csm)
        return r.choice([f"{self.id}: live", f"{self.id}: live, first value reached",
                         f"{self.name}: live\n\nFirst outcome reached; moving to the regular cadence.\n"])

    def on_churn(self, r, day, who, _):
        self.touch("account.yaml", "notes.md")
        self.stage = "churned"
        self.churned_on = day
        if self.uses_additions and r.random() < 0.7:
            self.contract["ended_on"] = max(self.contract["start"], min(day, self.contract["renewal"]))
        if self.notes is None and r.random() < 0.5:
            self.notes = f"# {self.name}\n"
        if self.notes:
            self.notes += f"\nChurned {iso(day)}: {r.choice(['budget moved to devices', 'new superintendent chose another vendor', 'low adoption after the first semester', 'merged into the county contract'])}.\n"
        return r.choice([f"{self.id}: churned", f"{self.id}: not renewing; churned"])

    def on_renew(self, r, day, who, _):
        self.touch("account.yaml")
        c = self.contract
        c["renewal"] = add_months(c["renewal"] + 1, 12) - 1
        c["term_months"] += 12
        if "seats" in c and r.random() < 0.5:
            c["seats"] = max(1, round(c["seats"] * r.uniform(0.9, 1.25)))
        return f"{self.id}: renewed through {iso(c['renewal'])}"

    def on_change(self, r, day, who, _):
        self.touch("commitments.yaml")
        roll = r.random()
        live = self.open_commitments()
        if roll < 0.22 or not live:
            c = self.new_commitment(day, who, ["email", "email", "call", "call", "demo", "order-form"])
            self.truth["added_after_close"] += 1
            self.ensure_plan(day, self.csm)
            return r.choice([f"{self.id}: add promise {c['id']}",
                             f"{self.id}: new promise {c['id']} (asked for at a check-in)",
                             f"{self.id}: scope: {c['promise'][0].lower()}{c['promise'][1:]}"])
        c = r.choice(live)
        if roll < 0.45:
            old = c["due"]
            start = c["due"] and datetime.date.fromisoformat(c["due"])
            base = (start - EPOCH).days if start else day
            c["due"] = iso(max(day + 1, base + r.choice([7, 14, 14, 21, 30, 45, 60, -7])))
            if r.random() < 0.5:
                c["note"] = r.choice(REDATE_NOTES)
            self.ensure_plan(day, self.csm)
            return f"{self.id}: move {c['id']} to {c['due']}" + (f" (was {old})" if old else "")
        if roll < 0.78:
            step = {"open": ["confirmed", "in-progress", "in-progress", "at-risk"],
                    "confirmed": ["in-progress", "in-progress", "delivered"],
                    "in-progress": ["delivered", "delivered", "delivered", "at-risk"],
                    "at-risk": ["in-progress", "delivered", "missed"]}[c["status"]]
            c["status"] = r.choice(step)
            if c["status"] == "delivered" and r.random() < 0.3:
                c["note"] = f"Delivered {iso(day)}"
            return f"{self.id}: {c['id']} {c['status']}"
        if roll < 0.86:
            c["status"] = "withdrawn"
            c["withdrawn_reason"] = r.choice(WITHDRAWN)
            return f"{self.id}: withdraw {c['id']} ({c['withdrawn_reason'][0].lower()}{c['withdrawn_reason'][1:]})"
        if roll < 0.91:
            self.touch("stakeholders.yaml")
            champions = [p for p in self.people if "champion" in p["roles"]]
            p = r.choice(champions)
            if r.random() < 0.6:
                p["leaving_on"] = iso(day + r.randrange(20, 200))
                message = f"{self.id}: {p['name']} leaves on {p['leaving_on']}"
            else:
                p["stance"] = r.choice(["neutral", "supportive"])
                message = f"{self.id}: {p['name']} is {p['stance']} now"
            if r.random() < 0.5:
                q = self.new_person(r.choice(["end-user", "admin", "influencer"]))
                message += f"; add {q['name']}"
            self.ensure_plan(day, self.csm)
            return message
        if roll < 0.95:
            self.touch("threads.yaml")
            if self.threads and r.random() < 0.5:
                t = self.threads.pop(r.randrange(len(self.threads)))
                return f"{self.id}: answered: {t['question']}"
            if self.threads is None:
                self.threads = []
            asked = {t["question"] for t in self.threads}
            options = [q for q in QUESTIONS if q not in asked] or QUESTIONS
            self.threads.append({"question": r.choice(options), "raised_by": r.choice(self.people)["name"],
                                 "owner": self.csm.handle, "due": iso(day + r.randrange(7, 40))})
            return f"{self.id}: open question from the customer"
        if roll < 0.98:
            self.touch("risks.yaml")
            if self.flags and r.random() < 0.4:
                f = self.flags.pop(r.randrange(len(self.flags)))
                return f"{self.id}: risk {f['id']} resolved"
            f = self.new_flag()
            self.ensure_plan(day, self.csm)
            return f"{self.id}: new risk {f['id']}"
        self.touch("account.yaml")
        self.handoff["csm_confidence"] = r.choice([1, 2, 3, 4, 5])
        return f"{self.id}: CSM confidence {self.handoff['csm_confidence']}"

    def on_delete(self, r, day, who, _):
        self.touch("commitments.yaml")
        present = [c for c in self.commitments if c["id"] in self.truth["at_close"]]
        gone = r.choice(present)
        self.commitments.remove(gone)
        self.truth["deleted_after_close"] = gone["id"]
        return r.choice([f"{self.id}: tidy up promises", f"{self.id}: clean up commitments.yaml",
                         f"{self.id}: remove duplicate entry"])

    def on_defect(self, r, day, who, payload):
        self.dirty = ALL
        kind = payload["kind"]
        self.defect = kind
        self.truth["defect"] = kind
        a = self.render_state_keys()
        if kind == "unknown-key":
            options = [(None, "segment", "segmnet"), ("contract", "renewal", "renewal_date"),
                       ("deal", "closed_on", "close_date"), (None, "owners", "owner")]
            options += [("contract", "seats", "seat")] if "seats" in self.contract else []
            options += [("deal", "discount_pct", "discount")]
            options += [("handoff", "kickoff", "kick_off")] if "kickoff" in self.handoff else []
            self.defect_detail = r.choice(options)
            message = f"{self.id}: update record"
        elif kind == "bad-date":
            key = r.choice([("contract", "start"), ("contract", "renewal"), ("deal", "closed_on")]
                           + ([("handoff", "kickoff")] if "kickoff" in self.handoff else []))
            self.defect_detail = (key[0], key[1], impossible_date(a[key], r))
            message = f"{self.id}: fix {key[1]} date"
        elif kind == "bad-enum":
            self.defect_detail = r.choice([(None, "segment", v) for v in ("Enterprise", "large", "midmarket", "startup", "k12")]
                                          + [(None, "stage", v) for v in ("won", "onbaording", "closed_won")])
            message = f"{self.id}: update {self.defect_detail[1]}"
        elif kind == "wrong-type":
            options = [("contract", "term_months", r.choice(["twelve", "12 months", "1 year"])),
                       ("deal", "arr", f"{self.deal['arr']:,}" if self.deal["arr"] >= 1000 else "TBD"),
                       ("deal", "discount_pct", f"{self.deal['discount_pct']}%")]
            if "seats" in self.contract:
                options.append(("contract", "seats", f"about {self.contract['seats']}"))
            if "csm_confidence" in self.handoff:
                options.append(("handoff", "csm_confidence", r.choice(["high", "medium", "4/5"])))
            self.defect_detail = r.choice(options)
            message = f"{self.id}: update {self.defect_detail[1]}"
        elif kind == "duplicate-key":
            self.defect_detail = r.choice([(None, "stage"), (None, "segment"), ("deal", "currency"),
                                           ("contract", "term_months")]) + (r.randrange(0, 10),)
            message = f"{self.id}: update {self.defect_detail[1]}"
        elif kind == "missing-champion":
            self.defect_detail = r.choice(["influencer", "end-user", "evaluator"])
            message = f"{self.id}: update stakeholder roles"
        elif kind == "missing-file":
            message = r.choice([f"{self.id}: remove goals.yaml (moving it to notes)", f"{self.id}: tidy up"])
        elif kind == "duplicate-commitment-id":
            twin = r.choice(self.commitments)
            c = dict(twin, promise=twin["promise"] + " (confirmed again by email)", source="email",
                     in_contract=False, status="open", withdrawn_reason=None, made_by=who.handle)
            self.commitments.append(c)
            message = f"{self.id}: add promise {c['id']}"
        elif kind == "mitigation-missing":
            while len(self.flags) < THRESHOLD + 1:
                self.new_flag()
            message = f"{self.id}: risks from the quarterly review"
        return message

    def render_state_keys(self):
        keys = {("contract", "start"): self.contract["start"], ("contract", "renewal"): self.contract["renewal"],
                ("deal", "closed_on"): self.deal["closed_on"]}
        if self.handoff.get("kickoff") is not None:
            keys[("handoff", "kickoff")] = self.handoff["kickoff"]
        return keys


# -- the repository -------------------------------------------------------------------------


SETTINGS = ("# Handoff settings: see the record format, version 1.\n"
            "accounts_dir: accounts\nred_flag_threshold: 3\nrequire_complete_from: closed-won\n")
SETTINGS_LATER = SETTINGS + "rules:\n  verbal-commitment-not-in-contract: warning\n"
README = ("# Customer handoffs\n\nOne folder per account under `accounts/`, written by the account\n"
          "executive at close and kept by the customer success manager after hand-off.\n"
          "Run `handoff validate` before you push.\n")


def git_env():
    env = dict(os.environ)
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE"):
        env.pop(key, None)
    return env


def fast_import_env(env):
    """fast-import rewrites the wide accounts/ tree in every commit; glibc would hand the
    freed buffers back to the kernel each time and fault them in again (a third of the time)."""
    env = dict(env)
    tunables = "glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=268435456"
    env["GLIBC_TUNABLES"] = f"{env['GLIBC_TUNABLES']}:{tunables}" if env.get("GLIBC_TUNABLES") else tunables
    return env


def build(args):
    reps, csms, ops = make_team(args.accounts, args.seed)
    taken = set()
    accounts = [Account(n, args.seed, reps, csms, taken, not args.no_additions)
                for n in range(1, args.accounts + 1)]
    for a in accounts:
        a.planned(args.later_changes)
    pick = random.Random(f"{args.seed}:defects")
    eligible = [a for a in accounts if a.closes()]
    wanted = round(args.accounts * args.defect_share)
    if wanted * 2 > len(eligible):
        print(f"warning: only {len(eligible)} accounts close; planting {len(eligible) // 2} defects "
              f"instead of {wanted}", file=sys.stderr)
        wanted = len(eligible) // 2
    chosen = pick.sample(eligible, wanted * 2)
    for a in chosen[wanted:]:
        a.add_delete()
    for i, a in enumerate(chosen[:wanted]):
        a.add_defect(DEFECTS[i % len(DEFECTS)])
    events = [(ts, a.n, i, kind, who, payload, a)
              for a in accounts for i, (ts, kind, who, payload) in enumerate(a.events)]
    settings_ts = EPOCH_TS + 7 * 86400 + 15 * 3600
    events.append((settings_ts + 200 * 86400, 0, 0, "settings", ops, {}, None))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return accounts, events, ops


def write(args):
    if os.path.exists(args.out) and (not os.path.isdir(args.out) or os.listdir(args.out)):
        sys.exit(f"error: {args.out} exists and is not an empty folder")
    accounts, events, ops = build(args)
    env = git_env()
    verify = bool(os.environ.get("GEN_REPO_VERIFY"))  # development aid: re-render every file each commit
    os.makedirs(args.out, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True, env=env)
    marks_fd, marks = tempfile.mkstemp(prefix="gen-repo-marks-")
    os.close(marks_fd)
    try:
        fi = subprocess.Popen(["git", "-C", args.out, "fast-import", "--quiet", "--done",
                               f"--depth={args.delta_depth}", f"--export-marks={marks}"], stdin=subprocess.PIPE,
                              env=fast_import_env(env), bufsize=1 << 20)
        chunks = []
        size = 0
        mark = 0

        def flush():
            nonlocal size
            fi.stdin.write(b"".join(chunks))
            chunks.clear()
            size = 0

        def commit(ts, who, message, changes):
            nonlocal mark, size
            mark += 1
            msg = message.encode()
            head = (f"commit refs/heads/main\nmark :{mark}\n"
                    f"author {who.ident} {ts} {who.tz}\ncommitter {who.ident} {ts} {who.tz}\n"
                    f"data {len(msg)}\n").encode() + msg + b"\n"
            chunks.append(head)  # no `from`: each commit follows the tip of main
            for path, text in changes:
                if text is None:
                    chunks.append(f"D {path}\n".encode())
                else:
                    data = text.encode()
                    chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
                    size += len(data)
            if size > 1 << 20:
                flush()

        commit(EPOCH_TS - 5 * 86400 + 15 * 3600, ops, "Start the handoff repository",
               [(".handoff.yaml", SETTINGS), ("README.md", README)])
        for ts, _, _, kind, who, payload, a in events:
            if a is None:
                commit(ts, who, "Settings: keep verbal promises a warning", [(".handoff.yaml", SETTINGS_LATER)])
                continue
            message = a.apply(kind, who, ts, payload)
            base = f"accounts/{a.id}/"
            changes = [(base + name, text) for name, text in a.changes(verify)]
            if not changes and kind != "close":
                continue  # the edit changed nothing (a revised discount equal to the old one)
            a.touches += 1
            commit(ts, who, message, changes)
            if kind == "close":
                a.close_mark, a.close_ts = mark, ts
                if a.pending is None:
                    a.complete_ts = ts
            elif kind == "complete":
                a.complete_ts = ts
        chunks.append(b"done\n")
        flush()
        fi.stdin.close()
        if fi.wait() != 0:
            sys.exit("error: git fast-import failed")
        ids = {}
        with open(marks) as f:
            for line in f:
                m, sha = line.split()
                ids[int(m[1:])] = sha
    finally:
        os.unlink(marks)
    subprocess.run(["git", "-C", args.out, "-c", "core.autocrlf=false", "checkout", "-q", "-f", "main"],
                   check=True, env=env)
    head_ts = max(e[0] for e in events)
    if args.truth:
        write_truth(args, accounts, mark, ids, head_ts)
    print(f"{len(accounts)} accounts, {mark} commits in {args.out}")


def write_truth(args, accounts, commits, ids, head_ts):
    by_account = {}
    stages = {}
    for a in accounts:
        t = dict(a.truth)
        closed = a.close_mark is not None
        t.update({
            "stage": a.stage, "segment": a.segment, "sales": a.rep.handle, "success": a.success,
            "closed_on": iso(a.deal["closed_on"]) if closed else None,
            "close_commit": ids[a.close_mark] if closed else None,
            "closed_commit_index": a.close_mark if closed else None,
            "hours_to_complete": round((a.complete_ts - a.close_ts) / 3600, 2) if closed else None,
            "churned": a.churned_on is not None,
            "churned_on": iso(a.churned_on) if a.churned_on is not None else None,
            "ended_on": iso(a.contract["ended_on"]) if "ended_on" in a.contract else None,
            "first_value_days": (a.handoff["first_value_on"] - a.deal["closed_on"])
            if "first_value_on" in a.handoff else None,
            "commits": a.touches,
        })
        by_account[a.id] = t
        stages[a.stage] = stages.get(a.stage, 0) + 1
    truth = {
        "accounts": len(accounts), "commits": commits, "seed": args.seed,
        "additions": not args.no_additions,
        "head_date": datetime.datetime.fromtimestamp(head_ts, datetime.timezone.utc).date().isoformat(),
        "defective": sorted(k for k, t in by_account.items() if t["defect"]),
        "deleted_after_close": sorted(k for k, t in by_account.items() if t.get("deleted_after_close")),
        "closed": sum(1 for t in by_account.values() if t["close_commit"]),
        "stages": stages, "by_account": by_account,
    }
    with open(args.truth, "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--accounts", type=int, default=1000, help="number of accounts (default 1000)")
    p.add_argument("--out", required=True, help="a new (or empty) folder for the repository")
    p.add_argument("--truth", help="write the expected results here (JSON)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--defect-share", type=float, default=0.05,
                   help="share of accounts whose latest state has one defect; as many more "
                        "silently delete a promise made at close (default 0.05)")
    p.add_argument("--later-changes", type=int, default=3,
                   help="commits per closed account after onboarding, on average (default 3)")
    p.add_argument("--no-additions", action="store_true",
                   help="write only the keys of the original version 1 (no region, products, "
                        "first_value_on, effort_score, ended_on, attended_kickoff)")
    p.add_argument("--delta-depth", type=int, default=50,
                   help="longest chain of deltas in the pack, as git fast-import --depth: a whole "
                        "object every N+1 versions of a path (default 50, git's own default)")
    args = p.parse_args()
    if not 1 <= args.delta_depth <= 4095:
        p.error("--delta-depth must be within 1..4095")
    if args.accounts < 1 or not 0 <= args.defect_share <= 0.5 or args.later_changes < 0:
        p.error("--accounts must be >= 1, --defect-share within 0..0.5, --later-changes >= 0")
    write(args)


if __name__ == "__main__":
    main()
