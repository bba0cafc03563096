"""What the practitioner chose for one print: large print or Easy Read, sensitive parts, who
it is for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintOptions:
    """Choices made at print time; the defaults are the safe ones (nothing sensitive, no sharing).

    ``for_others`` marks a copy meant for someone other than the man (a service, his family). The
    family sheet and the explainer are always for others, whatever this says. In a copy for
    others his contact details and whereabouts appear only with his recorded consent
    (``consented_contact``, ``consented_whereabouts``). A copy for a service names it
    (``recipient``) and the consents it relies on (``agreed``).
    """

    large_print: bool = False
    easy_read: bool = False  # Easy Read: a picture beside each idea, short sentences, 16 pt
    include_sensitive: bool = False
    for_others: bool = False
    consented_contact: bool = False
    consented_whereabouts: bool = False
    blank: bool = False  # a form for no one in particular: it says nothing about any man
    confirmed_restriction: bool = False  # his address or phone on a family sheet despite a limit
    restriction_held: bool = False  # ... kept off because a limit on contact is recorded
    recipient: str | None = None  # the service a copy for others is made for, named on it
    agreed: tuple[str, ...] = ()  # what he agreed to that this copy relies on, in plain words

    def shows_contact(self, for_others: bool) -> bool:
        """Whether his phone number and other ways to reach him may be printed."""
        return not (for_others or self.for_others) or self.consented_contact

    def shows_whereabouts(self, for_others: bool) -> bool:
        """Whether where he lives, stays or will go may be printed."""
        return not (for_others or self.for_others) or self.consented_whereabouts
