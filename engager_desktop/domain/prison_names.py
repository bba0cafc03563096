"""The names of UK prisons (public facts), for the passphrase policy to treat as guessable.

A passphrase made of the prison where a practitioner works is among the first things anyone who
knows her job would try, so every name below counts like a context word. Names are as HM Prison
and Probation Service, the Scottish Prison Service and the Northern Ireland Prison Service give
them, with the old local names still in use (Strangeways, Armley, Walton, Saughton, Barlinnie).
"""

from __future__ import annotations

import re
from collections.abc import Container

NAMES: tuple[str, ...] = (
    # England and Wales
    "Altcourse", "Ashfield", "Askham Grange", "Aylesbury", "Bedford", "Belmarsh", "Berwyn",
    "Birmingham", "Winson Green", "Brinsford", "Bristol", "Horfield", "Brixton", "Bronzefield",
    "Buckley Hall", "Bullingdon", "Bure", "Cardiff", "Channings Wood", "Chelmsford", "Coldingley",
    "Cookham Wood", "Dartmoor", "Deerbolt", "Doncaster", "Dovegate", "Downview", "Drake Hall",
    "Durham", "East Sutton Park", "Eastwood Park", "Elmley", "Erlestoke", "Exeter",
    "Featherstone", "Feltham", "Five Wells", "Ford", "Forest Bank", "Fosse Way", "Foston Hall",
    "Frankland", "Full Sutton", "Garth", "Gartree", "Grendon", "Springhill", "Guys Marsh",
    "Hatfield", "Haverigg", "Hewell", "High Down", "Highpoint", "Hindley", "Hollesley Bay",
    "Holloway", "Holme House", "Hull", "Humber", "Huntercombe", "Isis", "Isle of Wight",
    "Albany", "Parkhurst", "Kirkham", "Kirklevington Grange", "Lancaster Farms", "Leeds",
    "Armley", "Leicester", "Lewes", "Leyhill", "Lincoln", "Lindholme", "Littlehey", "Liverpool",
    "Walton", "Long Lartin", "Low Newton", "Lowdham Grange", "Maidstone", "Manchester",
    "Strangeways", "Millsike", "Moorland", "Morton Hall", "The Mount", "New Hall",
    "North Sea Camp", "Northumberland", "Acklington", "Castington", "Norwich", "Nottingham",
    "Oakwood", "Onley", "Parc", "Pentonville", "Peterborough", "Portland", "Prescoed", "Preston",
    "Ranby", "Risley", "Rochester", "Rye Hill", "Send", "Stafford", "Standford Hill", "Stocken",
    "Stoke Heath", "Styal", "Sudbury", "Swaleside", "Swansea", "Swinfen Hall", "Thameside",
    "Thorn Cross", "Usk", "Wakefield", "Wandsworth", "Warren Hill", "Wayland", "Wealstun",
    "Werrington", "Wetherby", "Whatton", "Whitemoor", "Winchester", "Woodhill",
    "Wormwood Scrubs", "Wymott",
    # Scotland
    "Addiewell", "Barlinnie", "Castle Huntly", "Cornton Vale", "Dumfries", "Edinburgh",
    "Saughton", "Glenochil", "Grampian", "Greenock", "Inverness", "Porterfield", "Kilmarnock",
    "Low Moss", "Perth", "Polmont", "Shotts", "Stirling",
    # Northern Ireland
    "Maghaberry", "Magilligan", "Hydebank Wood",
)  # fmt: skip

# Parts of names too ordinary to count on their own (the whole name still counts).
COMMON_PARTS = frozenset(
    "bank bay camp cross down east farms five full grange green hall heath high hill house isle "
    "long low mount new north park sea the vale way wells wood of".split()
)


def words(known: Container[str]) -> frozenset[str]:
    """Each name joined up (lower case, no spaces), and its distinctive parts: four letters or
    more, not ordinary (``COMMON_PARTS``) and not already ``known`` as dictionary words."""
    found: set[str] = set()
    for name in NAMES:
        parts = re.findall(r"[a-z]+", name.lower())
        found.add("".join(parts))
        found.update(p for p in parts if len(p) >= 4 and p not in COMMON_PARTS and p not in known)
    return frozenset(found)
