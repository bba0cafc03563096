"""Fictional phrases the demo caseload is built from: names, places and plain-English notes."""

from __future__ import annotations

from engager_desktop.domain.enums import GoalDomain, Phase, ResourceKind, SupportRole

GIVEN_NAMES = (
    "Aaron", "Adam", "Ahmed", "Alfie", "Andrzej", "Ben", "Bilal", "Callum", "Carl", "Cai", "Connor",
    "Craig", "Dafydd", "Daniel", "Darren", "Dean", "Delroy", "Emrys", "Gareth", "Gethin", "Imran",
    "Iwan", "Jamal", "Jamie", "Jason", "Kieran", "Kofi", "Lee", "Liam", "Llŷr", "Marek", "Mark",
    "Michael", "Mohammed", "Nathan", "Owain", "Paddy", "Paul", "Rhodri", "Ricky", "Ryan", "Sean",
    "Shane", "Steven", "Tariq", "Tomasz", "Tyrone", "Wayne", "Winston", "Zak",
)  # fmt: skip
FAMILY_NAMES = (
    "Abbott", "Adeyemi", "Ali", "Bowen", "Brennan", "Carter", "Clarke", "Doherty", "Evans",
    "Fenwick", "Glan-Dŵr", "Griffiths", "Hale", "Hussain", "Jenkins", "Kaminski", "Khan", "Lewis",
    "Lloyd", "Marsh", "McAllister", "Morgan", "Nowak", "O'Brien", "Okafor", "Parry", "Pen-y-Dŵr",
    "Powell", "Price", "Prys", "Reid", "Rowlands", "Shaw", "Singh", "Stokes", "Thomas", "Tŷ-Gwyn",
    "Walsh", "Ward", "Whitfield", "Williams", "Wynne",
)  # fmt: skip
WOMEN_NAMES = (
    "Angharad", "Bethan", "Carol", "Denise", "Eileen", "Ffion", "Gwen", "Jackie", "Karen", "Nia",
    "Sharon", "Siân", "Tracey", "Yvonne",
)  # fmt: skip
WOMEN_RELATIONSHIPS = frozenset({"Mum", "Sister", "Nan", "Partner"})
ESTABLISHMENTS = ("HMP Northgate", "HMP Kestrelford", "HMP Cwm Tŵr")
TOWNS = ("Harrowmere", "Kestrelford", "Ormsworth", "Llanfadog")
STREETS = ("Lantern Street", "Quay Road", "Heol y Felin", "Tanner's Yard", "Wharf Street")

GENDERS = ("Male", "Man", "Male, he/him", "Trans man", "Man, would rather not say more")
ETHNICITIES = (
    "White British", "Welsh", "Black British", "Mixed White and Black Caribbean", "Irish",
    "British Pakistani", "Polish", "Irish Traveller", "British Indian", "Would rather not say",
)  # fmt: skip
FAITHS = (
    "None", "Christian, not practising", "Muslim", "Catholic", "Sikh", "Spiritual, not religious",
    "Finding out about Buddhism inside", "Chapel when he was a boy", "Would rather not say",
)  # fmt: skip
RISK_NOTES = (
    "Gets wound up when kept waiting; say early if running late.",
    "Low mood in the evenings after bang-up. Check in about sleep.",
    "Said he felt hopeless last month. Safety plan agreed with healthcare.",
    "Avoid meetings on the wing where an old rival is housed.",
)
PARTICIPANT_NOTES = (
    "Prefers morning meetings.",
    "Likes things written down in big print.",
    "Reads well but does not like forms.",
    "Happy to talk on the phone once out.",
    "Works in the kitchens most afternoons.",
)

ASSESSMENTS = (
    "Sentence plan from the offender manager; a care plan from in-reach.",
    "Healthcare screen on arrival. Nothing else on file.",
    "Recovery plan with the substance team, last updated in the spring.",
    "A housing needs form was started but never finished.",
)
PREVIOUS_EXPERIENCES = (
    "Says services came and went and nobody followed through.",
    "Got on well with a key worker years ago and still talks about her.",
    "Felt judged at a GP practice and stopped going.",
    "Has never asked for help before and is not sure what to expect.",
)
EXPECTATIONS = (
    "Hopes for help with a place to live.",
    "Wants someone who will not give up on him.",
    "Not sure yet; willing to give it a go.",
    "Wants help keeping in touch with his kids.",
)
FAMILY_CONTEXT = (
    "Close to his nan, who writes every week.",
    "Mum and a sister in town; his dad is not around.",
    "Split from his partner during this sentence.",
    "Brought up in care; one brother he sees now and then.",
    "Big family, but most of them are fed up with him at the moment.",
)
CONTACT_RESTRICTIONS = (
    "No contact with a former partner while an order is in place (demo note).",
    "Letters to his son go through social services only (demo note).",
    "Must not visit one address in Harrowmere (demo note).",
)
FAMILY_WORRIES = (
    "Worried his mum is not coping on her own.",
    "Worried his younger brother is getting into trouble.",
    "Frets that his kids will forget him.",
    "Nothing he wanted to say yet.",
)
CHILDREN = (
    "Two children, aged 6 and 9, living with their mum.",
    "A daughter, 14. Has not seen her for a year.",
    "No children.",
    "A baby son born during this sentence.",
)
LIFE_STORY = (
    "Left school at 15 and worked on building sites.",
    "Grew up by the sea and loved fishing with his grandad.",
    "Was a good footballer until an injury at 17.",
    "Moved between foster homes as a boy.",
    "Worked in a warehouse for six years before things went wrong.",
    "Played drums in a band in his twenties.",
)
TRAUMA = (
    "Talked about a hard time as a child; did not want to go further. Take it gently (demo note).",
    "Saw a friend badly hurt some years ago; still has bad dreams (demo note).",
    "Something happened in an earlier sentence that he does not want written down (demo note).",
)
SUBSTANCE_USE = (
    "Drank heavily most days before this sentence.",
    "Used cannabis daily to sleep.",
    "Heroin in the past, on a script now.",
    "Says he has never had a problem with drink or drugs.",
    "Spice on the wing a few times; wants to stop.",
)
SUBSTANCE_LINKS = (
    "Drinks more when he is on his own.",
    "Uses when memories come back at night.",
    "Uses to get through boredom at weekends.",
    "No link he could see yet.",
)
BASIC_NEEDS = (
    "Has nowhere to live on release.",
    "Worried about money for the first few weeks.",
    "Hostel place offered but he fears going back there.",
    "Can go back to his mum's for a while.",
)
DOING_TIME = (
    "Keeps busy in the gym and with his job on the wing.",
    "Finds the weekends long; reads when he can.",
    "Struggles with noise at night.",
    "Writes letters and draws to pass the time.",
)

CONTACT_WHEN = ("Last year", "Two years ago", "During this sentence", "Since he was 18", "Ongoing")
REFERRAL_OUTCOMES = (
    "Seen once, then lost touch.",
    "On a waiting list.",
    "Offered a place; he turned it down at the time.",
    "Helped a lot; would like to go back.",
    "No reply to the referral.",
)
EXCLUSION_REASONS = (
    "Barred after an argument in reception; review due next year.",
    "Out of their area, so they would not take him.",
    "Closed his case after three missed appointments.",
)
OTHER_SERVICE_NAMES = ("A drug team in another town", "School counsellor", "Youth worker")

READINESS_NOTES = (
    "Says he is tired of coming back to prison.",
    "Wants to change but does not know where to start.",
    "Has already cut down on his own.",
    "Not sure anything will be different this time.",
)
HOPES = (
    "To have a flat and be working.",
    "To see his kids every week.",
    "To feel calmer and sleep better.",
    "To stay out and stay clean.",
)
LINKS = (
    (
        "Alone in his cell at night",
        "Nobody cares what happens to me",
        "Low, empty",
        "Stays in bed, skips meals",
        "Feels worse and misses gym",
    ),
    (
        "Letter from home with bad news",
        "I can't do anything from in here",
        "Angry, helpless",
        "Shouts at an officer",
        "Loses his job on the wing",
    ),
    (
        "Payday with nothing planned",
        "One drink won't hurt",
        "Restless",
        "Goes to the pub with old mates",
        "Spends his money by Tuesday",
    ),
    (
        "Waiting at the job centre",
        "They think I'm a waste of space",
        "Ashamed, tense",
        "Walks out before his turn",
        "Claim delayed",
    ),
    (
        "Family visit goes well",
        "Maybe I can fix this",
        "Hopeful",
        "Writes to his sister",
        "She writes back",
    ),
)
STRENGTHS_HAS = (
    "Good with his hands", "Funny; people like him", "Keeps fit", "Loyal to his friends",
    "Good cook", "Sticks at things once he starts", "Knows a lot about cars", "Kind to older lads",
)  # fmt: skip
STRENGTHS_WANTS = (
    "Read better", "Keep his temper", "Use a computer", "Cook on a budget", "Get a driving licence",
    "Say no to old mates",
)  # fmt: skip
DISTRESS_NOTES = (
    ("Feeling settled this week.", "Good week; sleeping better.", "Calm; busy with work."),
    ("Up and down; worried about release.", "Some bad nights.", "Stressed about money."),
    (
        "Very low; talked through who to call.",
        "Not coping well; healthcare told with his consent.",
        "Panicky about leaving; more contact agreed.",
    ),
)
QUICK_WINS = (
    "Library card sorted", "Copy of his birth certificate ordered", "Phone credit for first week",
    "Gym induction booked", "Letter to his mum posted", "Reading glasses from healthcare",
)  # fmt: skip

ROLE_RELATIONSHIPS: dict[SupportRole, tuple[str, ...]] = {
    SupportRole.FAMILY: ("Mum", "Sister", "Brother", "Nan", "Uncle", "Partner"),
    SupportRole.FRIEND: ("Old school friend", "Mate from work", "Neighbour"),
    SupportRole.PEER_MENTOR: ("Mentor from Gatepath", "Mentor from Cwm Tŵr Gate Mentors"),
    SupportRole.LISTENER: ("Listener on his wing",),
    SupportRole.OTHER: ("Football coach", "Church friend"),
}
PERSON_NOTES = (
    "Writes most weeks.",
    "Will pick him up if asked.",
    "Has been let down before; go gently.",
    "Phones on Sundays.",
)
PERSON_RESTRICTIONS = ("Contact through social services only (demo note).",)

# Per goal domain: his words, the goal, and one step per kind of resource.
DOMAIN_TEXT: dict[GoalDomain, tuple[tuple[str, ...], tuple[str, ...]]] = {
    GoalDomain.HOUSING: (
        ("I've got nowhere to go when I get out", "I can't go back to the hostel"),
        ("Somewhere safe to live on release", "Keep his tenancy for a year"),
    ),
    GoalDomain.FAMILY_AND_RELATIONSHIPS: (
        ("My kids don't know me any more", "Me and my mum keep falling out"),
        ("Regular contact with his children", "Get on better with his mum"),
    ),
    GoalDomain.BENEFITS_AND_MONEY: (
        ("I'll have no money for weeks", "I owe people money"),
        ("Benefit claim ready before release", "A plan for his debts"),
    ),
    GoalDomain.WORK_AND_LEARNING: (
        ("Nobody will give me a job", "I want to do a course"),
        ("Get a forklift ticket", "Paid work within six months"),
    ),
    GoalDomain.HEALTH: (
        ("I can't sleep", "My back is killing me and nobody listens"),
        ("Sleep better", "See a GP in the first week out"),
    ),
    GoalDomain.SUBSTANCES: (
        ("The drink takes over when I'm bored", "I don't want to use again"),
        ("Stay off drink at weekends", "Keep to his script after release"),
    ),
    GoalDomain.COPING_WITH_PRISON: (
        ("The nights are the worst", "I lose my rag on the wing"),
        ("Get through bang-up without dark thoughts", "Keep his wing job"),
    ),
    GoalDomain.OTHER: (
        ("I've got no one to talk to", "I want to give something back"),
        ("Find a group he enjoys", "Train as a peer mentor one day"),
    ),
}
STEP_TEXT: dict[ResourceKind, tuple[str, ...]] = {
    ResourceKind.HIM: (
        "Fill in the application form on the wing",
        "Write down three questions for the meeting",
        "Try the breathing exercise at night",
        "Keep the sleep diary for a week",
        "Ring his sister on Sunday",
    ),
    ResourceKind.PRACTITIONER: (
        "Find out opening times and write them on his card",
        "Practise what to say at the appointment",
        "Chase the referral by phone",
        "Bring the easy-read leaflet",
    ),
    ResourceKind.OTHER_PROFESSIONAL: (
        "Assessment appointment",
        "Referral accepted and first meeting booked",
        "Meet him in person before release",
        "Help with the claim form",
    ),
    ResourceKind.FAMILY_OR_PEERS: (
        "Talk it through on the next visit",
        "Go with him to the first appointment",
        "Ring him the night before to remind him",
        "Help him read and fill in the form",
    ),
}
DONE_WHY = ("Did it the same day.", "Took two goes but got there.", "Helped by his mentor.")
NOT_DONE_WHY = (
    "Wing locked down all week.",
    "Lost the form; new one given.",
    "Felt too low to try.",
    "Service did not call back.",
    "Moved cells and lost track.",
)
DROPPED_WHY = ("No longer needed after the move.", "He decided it was not for him.")

PRISON_LOCATIONS = (
    "Legal visits room",
    "Wing office",
    "Healthcare interview room",
    "Chapel side room",
)
COMMUNITY_LOCATIONS = (
    "Café at the Hub",
    "Library meeting room",
    "Probation office side room",
    "Walk in the park",
)
REVIEWED = (
    "Went over last week's steps.",
    "Reviewed the plan and the release checklist.",
    "Looked at his distress scores together.",
    "Talked through the links map again.",
)
MEETING_NOTES = (
    "Brighter today; talked about his kids.",
    "Quiet at first, opened up later.",
    "Angry about a cancelled visit; we made a plan.",
    "Laughed a lot; proud of the gym.",
    "Tired after a bad night; kept it short.",
)
MISSED_FOLLOW_UP = (
    "Asked the wing officer; he was at court.",
    "Texted and left a message at the hostel.",
    "Called his probation officer to check he was safe.",
    "Wrote a note and left it with reception.",
)
CONTACT_PURPOSES = (
    "Reminder about tomorrow",
    "Call after a missed appointment",
    "Checking in after a hard week",
    "Trying to find him",
    "Passing on a message from housing",
)
CONTACT_NOTES = (
    "Sounded well.",
    "No answer; left a message.",
    "Hostel staff said he was out.",
    "He rang back later.",
)
APPOINTMENT_NOTES = (
    "Bring ID and the letter.",
    "Arrive ten minutes early.",
    "Ask about the bus fare.",
)

HIS_COMMITMENTS = (
    "Come to every meeting or let you know.",
    "Try the steps we agree, and be honest if I don't.",
    "Tell you if I'm struggling.",
)
PRACTITIONER_COMMITMENTS = (
    "Turn up when I say I will.",
    "Be honest about what I can and can't do.",
    "Help you find the right services.",
)

GOING_TO = (
    "His mum's house in Harrowmere",
    "Approved premises in Kestrelford",
    "A hostel in Ormsworth",
    "His own flat in Llanfadog",
)
ACCOMMODATION = (
    "Room at his mum's, agreed with her",
    "Hostel bed booked for release day",
    "Tenancy kept on while he was inside",
)
GP_FOLLOW_UP = ("First GP appointment booked for week one.", "Nurse will send a discharge letter.")
MEDICATION = (
    "Seven days of tablets to take out.",
    "Script moved to the community clinic.",
    "No medication.",
)
OTHER_WAYS = ("Through his probation officer.", "Hostel office phone.", "His sister's number.")
GATE_PLACES = ("Main gate", "Visitors centre car park", "Bus stop outside the gate")
FIRST_24 = (
    "Mentor at the gate, breakfast, then probation at 11.",
    "Straight to the hostel; practitioner phones at 6pm.",
    "Mum collects him; GP appointment next morning.",
)
FAMILY_MEETING_NOTES = (
    "Talked about taking things slowly at home.",
    "Agreed house rules with his mum.",
)
WHAT_TO_BRING = ("Release letter, ID, discharge letter, phone charger.",)

TAPERING = ("Weekly to fortnightly, then one last meeting.", "Two more weekly, then monthly.")
MARK_IT = (
    "Coffee at the café where we first met outside.",
    "A walk by the river.",
    "Nothing fancy.",
)
SIGNS = ("Not sleeping, skipping meals, seeing old mates.", "Staying in bed, ignoring calls.")
HELPS = ("The gym, ringing his sister, the Tuesday group.", "Walking the dog; writing things down.")
WHO_TO_CONTACT = ("His mentor, his GP, the Nightlight line.", "Probation duty officer, his sister.")
MENTORING = ("Carries on with his mentor monthly.", "Thinking about training as a mentor.")
SERVICES_AFTER = ("Recovery group and GP.", "Housing support until his tenancy review.")
FAMILY_AFTER = ("Sunday dinner at his mum's.", "Sees his kids every other weekend.")
SELF_CARE = ("Keeps his sleep routine.", "Gym three times a week.", "Cooks one proper meal a day.")
CLOSING_NOTES = ("Ended on a good note.", "Proud of what he did.", "Contact lost before the end.")

PHASE_REASONS: dict[Phase, str] = {
    Phase.IN_PRISON: "Shared understanding done; plan agreed.",
    Phase.THROUGH_THE_GATE: "Release plan in place with a date.",
    Phase.IN_COMMUNITY: "Released; met at the gate.",
    Phase.ENDING: "Planned end is near; tapering agreed.",
    Phase.CLOSED: "Work finished.",
}
CLOSURE_NOTES = {
    "signed_off": "Signed off in person.",
    "lost_contact": "Lost contact after release; probation informed.",
    "withdrew": "He chose to stop; door left open.",
    "recalled_or_transferred": "Recalled to prison.",
    "other": "Moved out of the area.",
}
CONSENT_REFUSED = (
    "Wants to talk about this again later.",
    "Not with his family yet.",
    "Would rather tell them himself.",
)

SUPERVISION_CASES = (
    "Two men near release, one missed meeting.",
    "A man with high distress scores.",
    "Gate pick-ups for next month.",
)
SUPERVISION_RISK = ("No new risks.", "One man's low mood; safety plan checked.")
SUPERVISION_REFLECTIONS = ("Noticed I rushed the last meeting.", "Good teamwork on a hard case.")
SUPERVISION_ACTIONS = ("Update the services list.", "Book a joint visit with probation.")
