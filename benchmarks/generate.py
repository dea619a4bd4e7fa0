"""Generate realistic proposed posts for Hart District Council, for the benchmark.

Deterministic: the same seed and count give byte-identical files, and the posts
for a smaller count are the first posts of a larger one. Most posts are clean;
about 15% (``--problem-rate``) carry one or two planted problems of the kind the
communications team really sees: a personal phone number or e-mail address, a
placeholder or missing alt text, an x text that is too long, a missing credit or
consent, "click here", a lower case hashtag, a missing approval, and so on.

Files go in nested folders by publication month, ``posts/2026/06/...md``, with a
``.policy-check.yaml`` at the top like a content repository has.

    .venv/bin/python benchmarks/generate.py --count 1000 --seed 2026 /tmp/posts
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
FIRST_DAY = date(2026, 6, 1)
DAYS = 365
ELECTION = (date(2027, 3, 26), date(2027, 5, 6))  # Hart District Council elections, 6 May 2027
INCIDENT = (date(2026, 11, 18), date(2026, 11, 19))  # Storm Darragh II (made up)
BODY_MIN, BODY_MAX = 200, 900
# Not broken across lines when wrapping: policy-check does not join a number split by a line break.
KEEP_TOGETHER = re.compile(r"\[[^\]]*\]\([^)]*\)|\b0\d{3,4} \d{6,7}\b|\b[A-Z]{2} \d\d \d\d \d\d [A-D]\b")
X_BUDGET = 250  # x variants are kept below this weighted length (limit 280)

SETTINGS = """\
# Settings of the generated content repository (benchmark data, not real posts).
election_periods:
  - name: Hart District Council elections 2027
    start: 2027-03-26
    end: 2027-05-06
partners:
  - "@HantsFRS"
  - "@hantsconnect"
  - "@RushmoorCouncil"
  - "@HantsPolice"
  - "@NHSFrimleyICS"
people:
  - Sam Patel
  - "@SamPatelYateley"
  - Alex Morgan
approvers:
  - comms-team
  - d.okafor
  - r.singh
  - social-media-team
allowed_phones:
  - "01252 622122"
incidents:
  - name: Storm Darragh II
    start: 2026-11-18T04:00:00+00:00
    end: 2026-11-19T22:00:00+00:00
"""

PLACES = [
    "Fleet",
    "Yateley",
    "Hook",
    "Odiham",
    "Blackwater",
    "Church Crookham",
    "Hartley Wintney",
    "Crookham Village",
    "Elvetham Heath",
    "Crondall",
    "Eversley",
    "Hawley",
    "Winchfield",
    "Long Sutton",
]
APPROVERS = ["comms-team", "comms-team", "comms-team", "d.okafor", "r.singh", "social-media-team"]
PARTNERS = ["@HantsFRS", "@hantsconnect", "@RushmoorCouncil", "@HantsPolice", "@NHSFrimleyICS"]
NOT_PARTNERS = ["@FleetFoodiesUK", "@YateleyDadsBlog", "@SamPatelYateley", "@HookNewsDaily", "@BlackwaterBuzz"]
CREDITS_OTHER = ["Fleet Camera Club", "Yateley Carnival Committee", "Keep Britain Tidy", "Hampshire Fire and Rescue"]
GENERAL = [
    "Please share this with your friends and neighbours.",
    "Thank you for your help and patience.",
    "If you have any questions, send us a message and we will get back to you.",
    "You can also call us on 01252 622122 from 9am to 5pm, Monday to Friday.",
    "We will post an update here when we know more.",
    "Thank you to all the staff and helpers who made this happen.",
    "It only takes a few minutes.",
    "This helps us plan the work and keep costs down.",
    "Our teams are out across the district every day.",
    "Keep an eye on our page for news.",
    "We want to hear from as many people as we can.",
    "The work is paid for from the money we set aside this year.",
    "Our customer service team can help if you are not online.",
    "We will write to all homes that are affected.",
]
EMOJI = ["👍", "📅", "♻️", "🌳", "🚧", "📣", "🎉", "☀️"]


@dataclass(frozen=True)
class Topic:
    key: str
    type: str
    titles: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    link: str
    link_texts: tuple[str, ...]
    hashtags: tuple[str, ...]
    images: tuple[tuple[str, str], ...]
    video: tuple[str, str] | None = None
    lower_hashtag: str = "#hartnews"


TOPICS = [
    Topic(
        "bins",
        "service-update",
        ("Bin collections change for the bank holiday in {place}", "Missed bin collections in {place}"),
        (
            "Bin collections in {place} will be one day later next week because of the bank holiday.",
            "Some bins in {place} were not emptied on {day} because a lorry broke down.",
            "Our crews are catching up on missed bins in {place} today.",
        ),
        (
            "Please put your bins out by 7am on your new day.",
            "Leave your bin out and we will empty it as soon as we can.",
            "You do not need to report it to us.",
            "Blue bins and food caddies will be collected as normal.",
            "We are sorry for the delay.",
            "Put your bin at the edge of your property with the handle facing the road.",
        ),
        "https://www.hart.gov.uk/bin-collections",
        ("the bin collection page", "your bin day"),
        ("#BinDay", "#HartNews", "#RecycleRight"),
        (
            ("images/bins-kerb.jpg", "Green and blue wheelie bins at the kerb on a quiet street"),
            ("images/bin-lorry.jpg", "A bin lorry emptying a blue bin outside a row of houses"),
        ),
    ),
    Topic(
        "garden",
        "service-update",
        ("Garden waste collections restart in {place}", "Garden waste permits for {place}"),
        (
            "Garden waste collections start again in {place} on {day}.",
            "You can now renew your garden waste permit for the year ahead.",
        ),
        (
            "Put your brown bin out by 7am.",
            "Grass, leaves, hedge cuttings and small branches can all go in.",
            "Please do not put food or plastic bags in your brown bin.",
            "A permit costs the same as last year.",
            "You can pay online in a few minutes.",
            "Stickers will be posted to you within ten days.",
        ),
        "https://www.hart.gov.uk/garden-waste",
        ("the garden waste page", "the permit page"),
        ("#GardenWaste", "#HartNews"),
        (("images/garden-bin.jpg", "Brown garden waste bin at the kerb outside a house"),),
        ("video/garden-waste-how-to.mp4", "Crew member tipping a brown bin into the back of the lorry"),
        "#gardenwaste",
    ),
    Topic(
        "recycling",
        "news",
        ("What goes in your blue bin", "Recycling rates are up in {place}"),
        (
            "Not sure what goes in your blue bin?",
            "People in {place} recycled more this year than ever before.",
            "Clean tins, cans, card and plastic bottles can all go in your blue bin.",
        ),
        (
            "Please rinse food tins and pots before they go in.",
            "Soft plastics such as crisp packets cannot go in yet.",
            "Glass goes in your glass box or to a bottle bank.",
            "Well done to everyone who takes the time to sort their waste.",
            "Our short video shows what can go in and what should not.",
            "Small electricals can go to the recycling centre.",
        ),
        "https://www.hart.gov.uk/recycling",
        ("our recycling guide", "what goes in which bin"),
        ("#RecycleRight", "#HartNews", "#ZeroWaste"),
        (
            ("images/blue-bin-items.jpg", "Tins, cans, card and plastic bottles laid out next to a blue bin"),
            ("images/recycling-centre.jpg", "Cars queueing at the recycling centre on a sunny morning"),
        ),
        ("video/what-goes-in-your-blue-bin.mp4", "Officer holding up tins, cans and card next to a blue bin"),
        "#recycleright",
    ),
    Topic(
        "fair",
        "event",
        ("{place} summer fair", "Christmas lights switch-on in {place}", "Family fun day in {place}"),
        (
            "The {place} summer fair is back on {day}.",
            "Join us for the Christmas lights switch-on in {place} on {day}.",
            "Bring the family to our free fun day in {place} on {day}.",
        ),
        (
            "There will be live music, food stalls and rides for all ages.",
            "Entry is free and the fun starts at 11am.",
            "Local groups will run stalls and games on the green.",
            "The nearest car park is a short walk from the park.",
            "Toilets and baby changing are on site.",
            "Come along and say hello to our recycling team.",
            "Parking is free on the day.",
        ),
        "https://www.hart.gov.uk/events",
        ("our events page", "what is on"),
        ("#FleetEvents", "#HartEvents", "#FamilyFun", "#SummerFair"),
        (
            ("images/fair-rides.jpg", "Fairground rides and food stalls in the park at last year's fair"),
            ("images/lights-switch-on.jpg", "Crowds watching the Christmas lights come on along the high street"),
        ),
        None,
        "#summerfair",
    ),
    Topic(
        "walk",
        "event",
        ("Guided walk at Fleet Pond", "Odiham Castle history walk", "Bat walk in {place}"),
        (
            "Join our rangers for a guided walk round Fleet Pond on {day}.",
            "Find out about the history of Odiham Castle on a free walk on {day}.",
            "Come on an evening bat walk in {place} on {day}.",
        ),
        (
            "The walk takes about two hours and is on flat paths.",
            "Wear strong shoes and bring a drink.",
            "Places are free but you need to book.",
            "Children are welcome with an adult.",
            "We will meet at the main car park at 10am.",
            "You may see swans, herons and kingfishers on the way.",
            "Dogs on leads are welcome.",
        ),
        "https://www.hart.gov.uk/countryside-events",
        ("the booking page", "our countryside events"),
        ("#FleetPond", "#HartCountryside", "#GetOutside"),
        (
            ("images/fleet-pond-boardwalk.jpg", "The wooden boardwalk at Fleet Pond with reeds on each side"),
            ("images/odiham-castle.jpg", "The ruined flint walls of Odiham Castle beside the canal"),
        ),
        None,
        "#getoutside",
    ),
    Topic(
        "consultation",
        "consultation",
        ("Have your say on parking in {place}", "New play area designs for {place}"),
        (
            "We want your views on parking in {place}.",
            "Help us choose the new play area for {place}.",
        ),
        (
            "The survey takes about five minutes.",
            "It is open until {day}.",
            "There are three designs to choose from.",
            "You can also fill in a paper copy at the council offices.",
            "We will share what you told us in the autumn.",
            "Your views will help us decide what to do next.",
        ),
        "https://www.hart.gov.uk/have-your-say",
        ("the survey", "the have your say page"),
        ("#HaveYourSay", "#HartNews"),
        (("images/play-area-plan.jpg", "Drawing of a new play area with swings, a slide and a climbing frame"),),
        None,
        "#haveyoursay",
    ),
    Topic(
        "roadworks",
        "service-update",
        ("Road closure in {place}", "Car park resurfacing in {place}"),
        (
            "The main road through {place} will be shut at night from {day}.",
            "Part of the car park in {place} will be closed on {day} while we resurface it.",
        ),
        (
            "The work will take about two weeks.",
            "Buses will still run in the day.",
            "Shops and pubs stay open as normal, so please keep using them.",
            "Signs will show the way round.",
            "Blue badge spaces will stay open.",
            "We are sorry for any trouble this may cause.",
        ),
        "https://www.hart.gov.uk/roadworks",
        ("maps and the full plan", "roadworks in Hart"),
        ("#HartRoads", "#HartNews"),
        (("images/roadworks-sign.jpg", "Road closed sign and cones at the end of a village street"),),
    ),
    Topic(
        "jobs",
        "job-vacancy",
        ("Waste crew driver jobs", "Join our customer services team", "Apprentice gardener wanted"),
        (
            "We are hiring bin lorry drivers in Hook and Fleet.",
            "Join our friendly customer services team in Fleet.",
            "We are looking for an apprentice gardener to help look after our parks.",
        ),
        (
            "We will pay for your training.",
            "The job is full time with flexible hours.",
            "You will get 26 days of leave and a good pension.",
            "No experience is needed, just a can do attitude.",
            "The closing date is {day}.",
            "We welcome people from all walks of life.",
        ),
        "https://www.hart.gov.uk/jobs",
        ("our jobs page", "the application form"),
        ("#HartJobs", "#JobsInHampshire"),
        (("images/waste-crew.jpg", "Two waste crew members in work clothes next to a bin lorry"),),
        None,
        "#hartjobs",
    ),
    Topic(
        "council-tax",
        "news",
        ("Council tax bills are on their way", "Help with council tax in {place}"),
        (
            "Council tax bills are on their way to all homes in Hart.",
            "If you are finding it hard to pay your council tax, we can help.",
        ),
        (
            "You can pay over twelve months instead of ten.",
            "Setting up a direct debit is the easiest way to pay.",
            "Most of the money goes to the county, the police and the fire service.",
            "You may get a discount if you live alone.",
            "Please get in touch early so we can help.",
        ),
        "https://www.hart.gov.uk/council-tax",
        ("our council tax pages", "council tax discounts"),
        ("#CouncilTax", "#HartNews"),
        (("images/council-offices.jpg", "The front of the council offices in Fleet on a sunny day"),),
    ),
    Topic(
        "grants",
        "news",
        ("Community grants now open", "Grants for groups in {place}"),
        (
            "Community groups in {place} can now apply for a grant of up to £1,000.",
            "Our community grants are open for the new year.",
        ),
        (
            "The money can help pay for equipment, events or training.",
            "Last year we helped more than forty local groups.",
            "The form is short and our team can help you fill it in.",
            "The closing date is {day}.",
        ),
        "https://www.hart.gov.uk/grants",
        ("the grant form", "our grants page"),
        ("#HartCommunity", "#CommunityGrants"),
        (("images/community-hall.jpg", "Volunteers setting out chairs in a village hall"),),
    ),
    Topic(
        "emergency",
        "emergency",
        ("Flood warning for {place}", "Storm update for {place}"),
        (
            "There is a flood warning for low lying roads in {place}.",
            "Strong winds are expected across Hart tonight.",
        ),
        (
            "Do not drive through flood water.",
            "Sandbags are available from the depot until 6pm.",
            "Check on older neighbours if you can.",
            "In an emergency always call 999.",
            "Report fallen trees on the road to the county council.",
        ),
        "https://www.hart.gov.uk/flooding",
        ("flood advice", "the latest updates"),
        ("#HartFlood", "#StormUpdate", "#HartNews"),
        (("images/flooded-road.jpg", "A flooded lane with a road closed sign and a car turning back"),),
    ),
    Topic(
        "election",
        "election-information",
        ("Poll cards are on their way", "Register to vote by {day}"),
        (
            "Poll cards for the district council elections are on their way.",
            "You need to be on the electoral register to vote in May.",
        ),
        (
            "Polling stations are open from 7am to 10pm.",
            "You will need photo ID to vote at a polling station.",
            "You can apply for a postal vote online.",
            "It only takes five minutes to register.",
        ),
        "https://www.hart.gov.uk/elections",
        ("how to register", "our elections pages"),
        ("#YourVoteMatters", "#HartElections"),
        (("images/polling-station.jpg", "A polling station sign outside a village hall"),),
    ),
]
SHARES = [
    (
        "@HantsFRS",
        "Test your smoke alarm once a month.",
        "It takes ten seconds and it could save your life.",
        "#TestItTuesday",
    ),
    ("@hantsconnect", "Gritters will be out on the main roads tonight.", "Please drive with care.", "#HantsRoads"),
    ("@HantsPolice", "Lock your car and keep valuables out of sight.", "Report crime online or call 101.", "#Hart"),
    (
        "@RushmoorCouncil",
        "The Farnborough food festival is on this weekend.",
        "It is a short trip from Fleet.",
        "#Hart",
    ),
    ("@NHSFrimleyICS", "Flu jabs are now open for over 65s.", "Book with your GP or local chemist.", "#FluJab"),
]
PROBLEMS = [
    "phone",
    "phone",
    "email",
    "alt-placeholder",
    "alt-placeholder",
    "alt-missing",
    "x-too-long",
    "x-too-long",
    "credit-missing",
    "consent-missing",
    "click-here",
    "lower-hashtag",
    "all-caps",
    "approval-missing",
    "share-not-partner",
    "party",
    "captions-missing",
    "emoji",
    "instagram-no-media",
    "ni-number",
    "confidential",
]


@dataclass
class Media:
    file: str
    alt: str | None
    credit: str | None = "Hart District Council"
    people: bool = False
    consent: str | None = None
    permission: str | None = None
    captions: str | None = None


@dataclass
class Draft:
    title: str
    channels: list[str]
    publish_at: datetime
    type: str
    approved_by: str | None
    sentences: list[str]
    hashtags: list[str]
    link: str
    link_text: str
    bare_link: bool = False
    shared_from: str | None = None
    media: list[Media] = field(default_factory=list)
    x_text: str | None = None
    waiver: tuple[str, str] | None = None
    problems: list[str] = field(default_factory=list)


def generate(root: Path, count: int, seed: int = 2026, problem_rate: float = 0.15) -> dict[str, object]:
    """Write ``count`` posts under ``root``; return a summary (posts with planted problems, by kind)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".policy-check.yaml").write_text(SETTINGS, encoding="utf-8")
    rng = random.Random(seed)
    planted: Counter[str] = Counter()
    folders: set[Path] = set()
    characters = 0
    for number in range(count):
        draft = _draft(rng, number, problem_rate)
        for problem in draft.problems:
            planted[problem] += 1
        planted["posts with problems"] += bool(draft.problems)
        when = draft.publish_at
        folder = root / "posts" / f"{when:%Y}" / f"{when:%m}"
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        slug = re.sub(r"[^a-z0-9]+", "-", draft.title.lower()).strip("-")[:40].rstrip("-")
        text = render(draft)
        characters += len(text)
        (folder / f"{when:%Y-%m-%d}-{slug}-{number:06d}.md").write_text(text, encoding="utf-8")
    return {"posts": count, "seed": seed, "characters": characters, "planted": dict(sorted(planted.items()))}


def _draft(rng: random.Random, number: int, problem_rate: float) -> Draft:
    problems: list[str] = []
    if rng.random() < problem_rate:
        problems.append(rng.choice(PROBLEMS))
        if rng.random() < 0.2:
            problems.append(rng.choice(PROBLEMS))
    if "share-not-partner" in problems or rng.random() < 0.06:
        draft = _share_draft(rng, "share-not-partner" in problems)
    else:
        draft = _topic_draft(rng, problems)
    draft.problems = sorted(set(problems))
    for problem in draft.problems:
        _plant(rng, draft, problem, number)
    _fit_x(rng, draft)
    return draft


def _publish_at(rng: random.Random, kind: str, clean: bool) -> datetime:
    while True:
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        in_election = ELECTION[0] <= day <= ELECTION[1]
        in_incident = INCIDENT[0] <= day <= INCIDENT[1]
        if clean and in_election and kind in ("event", "consultation"):
            continue  # would be a pre-election-new-initiative warning
        if clean and in_incident and kind != "emergency":
            continue  # would be a crisis-pause warning
        if kind == "election-information" and not (day.month in (3, 4, 5) and day.year == 2027):
            continue
        moment = time(rng.choice([7, 8, 9, 10, 11, 12, 14, 16, 18]), rng.choice([0, 15, 30, 45]))
        return datetime.combine(day, moment, LONDON)


def _day(rng: random.Random, after: datetime) -> str:
    when = after.date() + timedelta(days=rng.randrange(2, 30))
    return f"{when:%A} {when.day} {when:%B}"


def _topic_draft(rng: random.Random, problems: list[str]) -> Draft:
    topic = rng.choice(TOPICS)
    if topic.type in ("emergency", "election-information") and rng.random() < 0.7:
        topic = rng.choice(TOPICS[:10])  # emergencies and election notices are rarer
    place = rng.choice(PLACES)
    when = _publish_at(rng, topic.type, not problems)
    fill = {"place": place}
    channels = ["facebook"]
    if rng.random() < 0.55:
        channels.append("x")
    if rng.random() < 0.35:
        channels.append("instagram")
    if topic.type == "job-vacancy" or rng.random() < 0.08:
        channels.append("linkedin")
    if topic.video and rng.random() < 0.25:
        channels.append("youtube")
    if rng.random() < 0.1 and "x" in channels:
        channels.remove("facebook")
    pick = rng.randrange(len(topic.openings))
    opening = topic.openings[pick].format(**fill, day=_day(rng, when))
    details = [s.format(**fill, day=_day(rng, when)) for s in topic.details]
    rng.shuffle(details)
    pool = rng.sample(GENERAL, len(GENERAL)) + details  # popped from the end: details first
    draft = Draft(
        title=topic.titles[pick % len(topic.titles)].format(**fill, day=_day(rng, when)),
        channels=channels,
        publish_at=when,
        type=topic.type,
        approved_by=rng.choice(APPROVERS),
        sentences=[opening],
        hashtags=_hashtags(rng, topic, place),
        link=topic.link,
        link_text=rng.choice(topic.link_texts),
        bare_link=rng.random() < 0.2,
    )
    target = rng.randint(BODY_MIN, BODY_MAX)
    while pool and len(_body(draft)) < target:
        sentence = pool.pop()
        draft.sentences.append(sentence)
        if len(_body(draft)) > BODY_MAX - 40:
            draft.sentences.pop()
            break
    while len(_body(draft)) < BODY_MIN and pool:
        draft.sentences.append(pool.pop())
    if rng.random() < 0.25:
        draft.sentences.insert(rng.randrange(1, len(draft.sentences) + 1), rng.choice(EMOJI))
    media_count = rng.choice([0, 0, 1, 1, 1, 2, 3])
    if "instagram" in channels:
        media_count = max(media_count, 1)
    for file, alt in rng.sample(topic.images, min(media_count, len(topic.images))):
        draft.media.append(_image(rng, file, alt, place))
    if "youtube" in channels or (topic.video and rng.random() < 0.1):
        file, alt = topic.video or ("video/hart-update.mp4", "Officer talking to camera outside the council offices")
        captions = file.rsplit(".", 1)[0] + ".en.vtt"
        draft.media.append(Media(file, alt, captions=captions))
    if not problems and rng.random() < 0.01:
        draft.sentences.append("To give food, call the fridge team on 0118 496 0456.")
        draft.waiver = ("personal-phone", "Published line of the community fridge group, agreed with the group.")
    return draft


def _hashtags(rng: random.Random, topic: Topic, place: str) -> list[str]:
    tags = rng.sample(topic.hashtags, rng.randint(1, min(2, len(topic.hashtags))))
    if rng.random() < 0.3:
        tags.append("#" + place.replace(" ", ""))
    return tags


def _image(rng: random.Random, file: str, alt: str, place: str) -> Media:
    media = Media(file, f"{alt} in {place}" if rng.random() < 0.5 else alt)
    roll = rng.random()
    if roll < 0.2:
        media.people = True
        media.consent = f"CR-2026-{rng.randrange(1, 400):03d}"
    elif roll < 0.3:
        media.credit = rng.choice(CREDITS_OTHER)
        media.permission = f"Email from the owner, ref P-2026-{rng.randrange(1, 200):03d}"
    return media


def _share_draft(rng: random.Random, bad_source: bool) -> Draft:
    handle, first, second, tag = rng.choice(SHARES)
    source = rng.choice(NOT_PARTNERS) if bad_source else handle
    if not bad_source and rng.random() < 0.4:
        source = f"https://x.com/{handle[1:]}/status/{rng.randrange(10**18, 10**19)}"
    when = _publish_at(rng, "share", not bad_source)
    sentences = [first, second, "Good advice from our partners.", *rng.sample(GENERAL, rng.randint(1, 5))]
    return Draft(
        title=f"Share a post from {handle}",
        channels=rng.choice([["x", "facebook"], ["facebook"], ["x"]]),
        publish_at=when,
        type="share",
        shared_from=source,
        approved_by=rng.choice(APPROVERS),
        sentences=sentences,
        hashtags=[tag],
        link="https://www.hart.gov.uk/news",
        link_text="our news page",
    )


def _plant(rng: random.Random, draft: Draft, problem: str, number: int) -> None:
    at = rng.randrange(1, len(draft.sentences) + 1)
    if problem == "phone":
        number_text = rng.choice([f"07700 900{number % 1000:03d}", f"01252 77{number % 10000:04d}"])
        draft.sentences.insert(at, f"For more details call Jo on {number_text}.")
    elif problem == "email":
        draft.sentences.insert(at, f"Questions? Email jo.bloggs{number % 100}@gmail.com.")
    elif problem in ("alt-placeholder", "alt-missing", "credit-missing", "consent-missing"):
        if not draft.media or draft.media[0].file.startswith("video/"):
            draft.media.insert(0, Media("images/hart-update.jpg", "A view across the park on a sunny day"))
        media = draft.media[0]
        if problem == "alt-placeholder":
            media.alt = rng.choice(["image", "photo", "pic", "IMG_2041.jpg", media.file.rsplit("/", 1)[-1]])
        elif problem == "alt-missing":
            media.alt = None
        elif problem == "credit-missing":
            media.credit = None
        else:
            media.people, media.consent = True, None
    elif problem == "x-too-long":
        if "x" not in draft.channels:
            draft.channels.append("x")
        while len(_body(draft)) < 420:
            draft.sentences.append(rng.choice(GENERAL))
    elif problem == "click-here":
        draft.link_text, draft.bare_link = rng.choice(["click here", "here", "read more"]), False
    elif problem == "lower-hashtag":
        topic = next((t for t in TOPICS if t.type == draft.type), TOPICS[0])
        draft.hashtags.append(topic.lower_hashtag)
    elif problem == "all-caps":
        draft.sentences.insert(at, rng.choice(["It is FREE for everyone.", "Spaces are LIMITED, so book early."]))
    elif problem == "approval-missing":
        draft.approved_by = None
    elif problem == "party":
        draft.sentences.insert(at, rng.choice(["The Labour group asked for this.", "The Lib Dems backed the plan."]))
    elif problem == "captions-missing":
        draft.media.append(Media("video/hart-update.mp4", "Officer talking to camera outside the council offices"))
    elif problem == "emoji":
        draft.sentences.insert(at, "🎉🎈🎠🍦🎶🎡")
    elif problem == "instagram-no-media":
        draft.media = []
        if "instagram" not in draft.channels:
            draft.channels.append("instagram")
    elif problem == "ni-number":
        draft.sentences.insert(at, f"Case note for AB 12 34 {number % 90 + 10} C attached.")
    elif problem == "confidential":
        draft.sentences.insert(0, rng.choice(["OFFICIAL-SENSITIVE.", "Embargoed until 10am on Monday."]))


def _fit_x(rng: random.Random, draft: Draft) -> None:
    """Give x its own short text when the body is too long for it (unless that is the planted problem)."""
    if "x" not in draft.channels or "x-too-long" in draft.problems or x_length(_body(draft)) <= X_BUDGET:
        return
    words = [draft.sentences[0], f"More at {draft.link}", " ".join(draft.hashtags)]
    if x_length(" ".join(words)) > X_BUDGET:
        words = [draft.sentences[0], f"More at {draft.link}"]
    draft.x_text = " ".join(words)
    if draft.channels == ["x"]:
        draft.channels.insert(0, "facebook")  # the body is published somewhere
    if rng.random() < 0.5:
        draft.x_text = draft.x_text.replace(f"More at {draft.link}", f"More: [{draft.link_text}]({draft.link})")


def x_length(text: str) -> int:
    """Roughly what X counts: links as their text, a space and 23; emoji and other wide characters as 2."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) + " " + "u" * 23, text)
    text = re.sub(r"https?://\S+", "u" * 23, text)
    return sum(1 if ord(c) < 4352 else 2 for c in text)


def _body(draft: Draft) -> str:
    link = draft.link if draft.bare_link else f"[{draft.link_text}]({draft.link})"
    sentences = list(draft.sentences)
    sentences.append(f"Find out more at {link}" if draft.bare_link else f"See {link} for details.")
    return " ".join(sentences) + "\n\n" + " ".join(draft.hashtags)


def render(draft: Draft) -> str:
    lines = ["---", f"title: {_scalar(draft.title)}", f"channels: [{', '.join(draft.channels)}]"]
    lines.append(f"publish_at: {draft.publish_at.isoformat()}")
    lines.append(f"type: {draft.type}")
    if draft.shared_from:
        lines.append(f"shared_from: {_scalar(draft.shared_from)}")
    if draft.approved_by:
        lines.append(f"approved_by: {draft.approved_by}")
    if draft.media:
        lines.append("media:")
        for media in draft.media:
            lines.append(f"  - file: {media.file}")
            for key in ("alt", "people", "consent", "credit", "permission", "captions"):
                value = getattr(media, key)
                if value is True:
                    lines.append(f"    {key}: true")
                elif value:
                    lines.append(f"    {key}: {_scalar(value)}")
    lines += ["links:", f"  - {draft.link}"]
    if draft.x_text:
        lines += ["text:", f"  x: {_scalar(draft.x_text)}"]
    if draft.waiver:
        lines += ["waivers:", f"  - rule: {draft.waiver[0]}", f"    reason: {_scalar(draft.waiver[1])}"]
    lines.append("---")
    paragraph, hashtags = _body(draft).split("\n\n")
    return "\n".join(lines) + "\n" + _wrap(paragraph) + "\n\n" + hashtags + "\n"


def _wrap(text: str) -> str:
    """Wrap at 78 columns like people do, never inside a Markdown link, phone number or NI number."""
    protected = re.sub(KEEP_TOGETHER, lambda m: m.group(0).replace(" ", "\x00"), text)
    wrapped = textwrap.fill(protected, width=78, break_long_words=False, break_on_hyphens=False)
    return wrapped.replace("\x00", " ")


def _scalar(value: str) -> str:
    if re.search(r"[:#\[\]{}&*!|>'\"%@`,]|^[-?\s]|\s$", value) or value.lower() in ("yes", "no", "true", "false"):
        return json.dumps(value, ensure_ascii=False)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the posts (created if missing)")
    parser.add_argument("--count", type=int, default=1000, help="how many posts (default 1000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--problem-rate", type=float, default=0.15, help="share of posts with planted problems")
    args = parser.parse_args(argv)
    summary = generate(args.folder, args.count, args.seed, args.problem_rate)
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
