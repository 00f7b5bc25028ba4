"""The built-in table of major venues and the matcher that finds one in a venue name.

Each venue has one case-insensitive regex over the *normalised* name (case-folded,
punctuation and "&" turned into spaces, "ICML2023" split into "icml 2023") and, for
acronyms that are also English words (FAST, MICRO, CLUSTER, SC), a case-sensitive one over
the same text before case-folding. Patterns search rather than anchor, so ordinals
("39th", "Thirty-Ninth"), years, "Proceedings of the" and "Annual" never block a match.

The table is scanned in order and the first hit wins, so a venue whose name contains
another's comes first: PAKDD before KDD, NAACL/EMNLP/TACL before ACL, ICS before SC.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from pubgen.venue_needles import NEEDLES

if TYPE_CHECKING:
    from pubgen.needles import Needles

CONFERENCE = C = "conference"
JOURNAL = J = "journal"


@dataclass(frozen=True, eq=False)  # one object per venue of the table: identity is equality
class Venue:
    """One table venue; its regexes are compiled when a name is first matched against them
    (compiling all of them at import was most of this module's import time)."""

    abbr: str
    kind: str  # CONFERENCE or JOURNAL
    pattern: str
    acronym: str = ""
    exclude: str = ""
    # (regex, label): a track printed after the year, "EMNLP 2024 Findings".
    tracks: tuple[tuple[str, str], ...] = ()
    # The official name says "Workshop" but the venue is a conference (IWQoS).
    workshop_in_name: bool = False

    @cached_property  # set once in the instance's __dict__; the fields stay as they are
    def regexes(self) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]:
        """(pattern, acronym, exclude), compiled."""
        return (
            re.compile(self.pattern),
            re.compile(self.acronym) if self.acronym else None,
            re.compile(self.exclude) if self.exclude else None,
        )

    @cached_property
    def needles(self) -> tuple[Needles | None, Needles | None]:
        """(pattern's, acronym's) substrings one of which a name must have to match;
        None: the regex must be tried (pubgen.needles)."""
        return _needles(self.pattern), _needles(self.acronym) if self.acronym else frozenset()

    def could_match(self, folded_name: str, cased: str) -> bool:
        """False when neither regex can match, known without compiling them."""
        in_pattern, in_acronym = self.needles
        if in_pattern is None or in_acronym is None:
            return True
        # Loops rather than any(generator), 3x faster: this runs for most of the table for
        # every new venue name.
        for needle in in_pattern:
            if needle in folded_name:
                return True
        for needle in in_acronym:  # noqa: SIM110 (a loop, for speed: see above)
            if needle in cased:
                return True
        return False

    @cached_property
    def track_regexes(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(track), label) for track, label in self.tracks)


def _needles(pattern: str) -> Needles | None:
    if pattern in NEEDLES:  # derived in advance, unless the pattern was edited since
        return NEEDLES[pattern]
    from pubgen.needles import needles

    return needles(pattern)


_v = Venue


_ACL_TRACKS = (
    (r"\bfindings\b", "Findings"),
    (r"\bsystem demonstrations?\b|\bdemo", "Demo"),
)
_SIGGRAPH_TRACKS = (
    (r"\bposters?\b", "Posters"),
    (r"\bcourses?\b", "Courses"),
    (r"\btalks\b", "Talks"),
    (r"\btechnical briefs\b", "Technical Briefs"),
)
# Journal names that are a plain word or two ("Nature", "Machine Learning") only match
# the whole name, so "Nature Communications" or "Machine Learning and Applications" don't.
_WHOLE = r"^(?:the )?(?:{})$"

# fmt: off
VENUES: tuple[Venue, ...] = (
    # --- Machine learning and AI ---
    _v("MLSys", C, r"\bmlsys\b|\bsysml\b|machine learning and systems"),
    _v("NeurIPS", C, r"neural information processing systems|\bneurips\b|\bneuips\b"
                     r"|\bneuralips\b|\bnips\b",
       tracks=((r"datasets and benchmarks", "Datasets and Benchmarks Track"),)),
    # "International Conference on Machine Learning and Applications" is ICMLA, so the full
    # name only counts when nothing or an ICML-ish word follows it.
    _v("ICML", C, r"\bicml\b|international conference on machine learning"
        r"(?=$| (?:icml|pmlr|proceedings|volume|vol|workshops?|\d))"),
    _v("ICLR", C, r"\biclr\b|international conference on learning representations",
       tracks=((r"\bblog ?post", "Blogpost Track"), (r"\btiny papers?\b", "Tiny Papers"))),
    _v("AIIDE", C, r"\baiide\b|artificial intelligence and interactive digital entertainment"),
    _v("ICWSM", C, r"\bicwsm\b|conference on web and social media"),
    _v("AIES", C, r"\baies\b|conference on ai ethics and society"),
    _v("AAAI", C, r"\baaai\b|aaai conference on artificial intelligence",
       exclude=r"\bsymposi|\bfall\b|\bspring\b|\bai magazine\b"),
    _v("IJCAI", C, r"\bijcai\b|international joint conference on artificial intelligence"),
    _v("ECAI", C, r"\becai\b|european conference on artificial intelligence"),
    _v("UAI", C, r"\buai\b|conference on uncertainty in artificial intelligence"),
    _v("AISTATS", C, r"\baistats\b|conference on artificial intelligence and statistics"),
    _v("COLT", C, r"\bcolt\b|conference on (?:computational )?learning theory"),
    _v("AAMAS", C, r"\baamas\b|conference on autonomous agents and multi ?agent systems"),
    _v("IJCNN", C, r"\bijcnn\b|international joint conference on neural networks"),
    _v("ECML PKDD", C, r"\becml\b|european conference on machine learning"),
    # --- Computer vision, graphics, multimedia ---
    _v("CVPR", C, r"\bcvprw?\b|computer vision and pattern recognition"),
    _v("ICCV", C, r"\biccvw?\b"
                  r"|international conference on computer vision(?! (?:systems|theory|and))"),
    _v("ECCV", C, r"\beccvw?\b|european conference on computer vision"),
    _v("WACV", C, r"\bwacvw?\b|winter conference on applications of computer vision"),
    _v("ACCV", C, r"\baccv\b|asian conference on computer vision"),
    _v("BMVC", C, r"\bbmvc\b|british machine vision conference"),
    _v("MICCAI", C, r"\bmiccai\b|medical image computing and computer assisted intervention"),
    _v("SIGGRAPH Asia", C, r"\bsiggraph asia\b", tracks=_SIGGRAPH_TRACKS),
    _v("SIGGRAPH", C, r"\bsiggraph\b",
       exclude=r"\bsiggraph asia\b|motion interaction|\bsymposium\b|computer graphics$",
       tracks=_SIGGRAPH_TRACKS),
    _v("ACM MM", C, r"\bacm mm\b|acm (?:annual )?international conference on multimedia"
        r"(?! (?:retrieval|asia|in asia|and|systems))|\bacm multimedia\b(?! (?:asia|systems))"),
    # --- Natural language processing ---
    _v("LREC-COLING", C, r"\blrec coling\b"
                         r"|conference on computational linguistics language resources"),
    _v("EMNLP", C, r"\bemnlp\b|empirical methods in natural language processing",
       tracks=_ACL_TRACKS),
    _v("NAACL", C, r"\bnaacl\b"
                   r"|(?:north american|nations of the americas) chapter of the association for",
       tracks=_ACL_TRACKS),
    _v("EACL", C, r"\beacl\b|european chapter of the association for computational linguistics",
       tracks=_ACL_TRACKS),
    _v("AACL", C, r"\baacl\b|asia pacific chapter of the association for computational linguistics",
       tracks=_ACL_TRACKS),
    _v("TACL", J, r"\btacl\b|transactions of the association for computational linguistics"),
    _v("ACL", C, r"\bacl\b|association for computational linguistics", tracks=_ACL_TRACKS),
    _v("COLING", C, r"\bcoling\b|international conference on computational linguistics",
       tracks=_ACL_TRACKS),
    _v("COLM", C, r"\bcolm\b|conference on language modeling"),
    _v("Interspeech", C, r"\binterspeech\b"
                         r"|conference of the international speech communication association"),
    _v("ICASSP", C, r"\bicassp\b|conference on acoustics speech and signal processing"),
    # --- Data mining, web, information retrieval, databases ---
    _v("PAKDD", C, r"\bpakdd\b|pacific asia conference on knowledge discovery"),
    _v("KDD", C, r"\b(?:sig)?kdd\b|knowledge discovery and data mining"),
    _v("WWW", C, r"\bwww\b|\bthewebconf\b|\bweb conference\b|world wide web conference"
        r"|conference on (?:the )?world wide web",
       exclude=r"asia pacific web|\bapweb\b|semantic web",
       tracks=((r"\bcompanion\b", "Companion"),)),
    _v("ICTIR", C, r"\bictir\b|conference on (?:the )?theory of information retrieval"),
    _v("SIGIR", C, r"\bsigir\b|research and development in information retrieval",
       exclude=r"\bforum\b|human information interaction"),
    _v("WSDM", C, r"\bwsdm\b|web search and data mining"),
    _v("CIKM", C, r"\bcikm\b|information and knowledge management"),
    _v("SDM", C, r"\bsdm\b|siam international conference on data mining"),
    _v("ICDM", C, r"\bicdmw?\b|(?<!siam )international conference on data mining"),
    _v("SIGMOD", C, r"\bsigmod\b|\bpacmmod\b"
                    r"|conference on management of data|acm on management of data",
       exclude=r"\brecord\b|principles of database systems"),
    _v("PVLDB", C, r"\bpvldb\b|proceedings of the vldb endowment|\bproc vldb endow"),
    _v("VLDB", C, r"\bvldb\b|very large data ?bases", exclude=r"\bjournal\b"),
    _v("ICDE", C, r"\bicdew?\b|international conference on data engineering"),
    _v("IEEE BigData", C, r"\bieee big ?data\b|ieee international conference on big data"
        r"(?! (?:analy|and|science|computing|engineering|security|service|intelligence))",
       exclude=r"\bcongress\b"),
    # --- Systems, architecture, HPC ---
    _v("OSDI", C, r"\bosdi\b|operating systems design and implementation"),
    _v("SOSP", C, r"\bsosp\b|symposium on operating systems principles"),
    _v("NSDI", C, r"\bnsdi\b|networked systems design and implementation"),
    _v("EuroSys", C, r"\beurosys\b|european conference on computer systems"),
    _v("USENIX ATC", C, r"\busenix atc\b|usenix annual technical conference"),
    _v("FAST", C, r"conference on file and storage technologies",
       acronym=r"^FAST\b|\bUSENIX FAST\b|\bFAST \d{2}\b"),
    _v("ASPLOS", C, r"\basplos\b"
                    r"|architectural support for programming languages and operating systems"),
    _v("PLDI", C, r"\bpldi\b|programming language design and implementation"),
    _v("ISCA", C, r"\bisca\b|international symposium on computer architecture",
       exclude=r"\bspeech\b|\binterspeech\b"),
    _v("MICRO", C, r"symposium on microarchitecture",
       acronym=r"^MICRO\b|\bIEEE ACM MICRO\b|\bMICRO \d{2}\b"),
    _v("HPCA", C, r"\bhpca\b|high performance computer architecture"),
    _v("ICS", C, r"international conference on supercomputing",
       acronym=r"^ICS\b|\bACM ICS\b|\bICS \d{2}\b|\bICS$"),
    _v("SC", C, r"high performance computing networking storage and analysis"
                r"|^(?:acm ieee )?supercomputing",
       acronym=r"^SC\b|\bSC \d{2}\b|\bSC$"),
    _v("HPCC", C, r"\bhpcc\b|conference on high performance computing and communications"),
    _v("PPoPP", C, r"\bppopp\b|principles and practice of parallel programming"),
    _v("HPDC", C, r"\bhpdc\b|high performance (?:parallel and )?distributed computing"),
    _v("ICDCS", C, r"\bicdcs\b|international conference on distributed computing systems"),
    _v("ICPP", C, r"\bicppw?\b|international conference on parallel processing"),
    _v("IPDPS", C, r"\bipdpsw?\b|parallel (?:and )?distributed processing symposium"),
    _v("CCGRID", C, r"\bccgrid\b|symposium on cluster cloud and (?:grid|internet) computing"),
    _v("CLUSTER", C, r"international conference on cluster computing",
       acronym=r"^(?:IEEE )?CLUSTER\b|\bCLUSTER$"),
    _v("Euro-Par", C, r"\beuro ?par\b|european conference on parallel (?:and distributed )?comp"),
    _v("ICPADS", C, r"\bicpads\b|international conference on parallel and distributed systems"),
    _v("e-Energy", C, r"\be energy\b|conference on future (?:and sustainable )?energy systems"),
    _v("ASP-DAC", C, r"\basp ?dac\b|asia and south pacific design automation conference"),
    _v("DAC", C, r"design automation conference", acronym=r"^DAC\b|\b(?:ACM|IEEE) DAC\b"),
    _v("ICCAD", C, r"\biccad\b|international conference on computer aided design"),
    # --- Networking and mobile ---
    _v("IMC", C, r"\bimc\b|internet measurement conference"),
    _v("SIGCOMM", C, r"\bsigcomm\b|architectures and protocols for computer communication",
       exclude=r"computer communication review"),
    _v("INFOCOM", C, r"\binfocom\b|ieee conference on computer communications"),
    _v("MobiCom", C, r"\bmobicom\b|conference on mobile computing and networking"),
    _v("MobiSys", C, r"\bmobisys\b|conference on mobile systems applications and services"),
    _v("SenSys", C, r"\bsensys\b|conference on embedded network(?:ed)? sensor systems"),
    _v("IWQoS", C, r"\biwqos\b|(?:workshop|symposium) on quality of service",
       workshop_in_name=True),
    _v("ICNP", C, r"\bicnp\b|international conference on network protocols"),
    # --- Security ---
    _v("CCS", C, r"\bccs\b|conference on computer and communications security"),
    _v("USENIX Security", C, r"\busenix security\b"),
    _v("IEEE S&P", C, r"symposium on security and privacy"),
    _v("NDSS", C, r"\bndss\b|network and distributed system security"),
    # --- HCI and robotics ---
    _v("CHI", C, r"conference on human factors in computing systems|\bsigchi conference\b",
       acronym=r"\bCHI\b", tracks=((r"\bextended abstracts\b", "Extended Abstracts"),)),
    _v("UIST", C, r"\buist\b|user interface software and technology",
       tracks=((r"\badjunct\b", "Adjunct"),)),
    _v("ICRA", C, r"\bicra\b|international conference on robotics and automation"),
    _v("IROS", C, r"\biros\b|conference on intelligent robots and systems"),
    _v("RSS", C, r"\brobotics science and systems\b", acronym=r"\bRSS\b"),
    _v("CoRL", C, r"\bcorl\b|conference on robot learning"),
    # --- Journals ---
    _v("IEEE TPDS", J, r"\btpds\b|trans(?:actions)? (?:on )?parallel (?:and )?distrib"),
    _v("IEEE TPAMI", J, r"\bt?pami\b|trans(?:actions)? (?:on )?pattern anal"),
    _v("IEEE TNNLS", J, r"\btnnls\b|trans(?:actions)? (?:on )?neural netw\w* (?:and )?learn"),
    _v("IEEE TKDE", J, r"\btkde\b|trans(?:actions)? (?:on )?knowl\w* (?:and )?data eng"),
    _v("IEEE TIP", J, r"trans(?:actions)? (?:on )?image process", acronym=r"\bTIP\b"),
    _v("IEEE TMC", J, r"trans(?:actions)? (?:on )?mob\w* comput", acronym=r"\bTMC\b"),
    _v("IEEE TC", J, r"\bieee trans(?:actions)? (?:on )?comput(?:ers)?$"),
    _v("IEEE/ACM TON", J, r"trans(?:actions)? (?:on )?netw(?:orking)?$", acronym=r"\bTo[Nn]\b"),
    _v("IEEE JSAC", J, r"\bjsac\b|j\w* (?:on )?sel\w* areas (?:in )?commun"),
    _v("IEEE TSC", J, r"trans(?:actions)? (?:on )?serv\w* comput"),
    _v("IEEE TCC", J, r"trans(?:actions)? (?:on )?cloud comput"),
    _v("IEEE Network", J, r"^ieee netw(?:ork)?(?: magazine)?$"),
    _v("IEEE IoT-J", J, r"\biot j\b|internet (?:of )?things j"),
    _v("JMLR", J, r"\bjmlr\b|j\w* (?:of )?mach\w* learn\w* res",
       exclude=r"workshop and conference proceedings|\bw cp\b"),
    _v("TMLR", J, r"\btmlr\b|trans\w* (?:on )?mach\w* learn\w* res"),
    _v("IJCV", J, r"\bijcv\b|int\w* j\w* (?:of )?comput\w* vis"),
    _v("ACM CSUR", J, r"\bcsur\b|acm comput\w* surv"),
    _v("ACM TOCS", J, r"\btocs\b|acm trans\w* (?:on )?comput\w* syst"),
    _v("ACM TOG", J, r"\btog\b|acm trans\w* (?:on )?graphics"),
    _v("Nature Machine Intelligence", J,
       _WHOLE.format(r"nature machine intelligence|nat mach intell")),
    _v("Nature", J, _WHOLE.format("nature")),
    _v("Science", J, _WHOLE.format("science")),
    _v("PNAS", J, r"\bpnas\b|proceedings of the national academy of sciences|proc natl acad sci",
       exclude=r"\bindia\b"),
    _v("JAIR", J, r"\bjair\b|j\w* (?:of )?artif\w* intell\w* res"),
    _v("AIJ", J, _WHOLE.format(r"artificial intelligence|artif intell|aij")),
    _v("Machine Learning", J, _WHOLE.format(r"machine learning|mach learn")),
    _v("Neural Networks", J, _WHOLE.format(r"neural networks|neural netw")),
    _v("Pattern Recognition", J, _WHOLE.format(r"pattern recognition|pattern recognit")),
    _v("JPDC", J, r"\bjpdc\b|j\w* (?:of )?parallel (?:and )?distrib\w* comput"),
)
# fmt: on

_URL = re.compile(r"https?:|www\.", re.IGNORECASE)
# IEEE Xplore's "Parallel and Distributed Systems, IEEE Transactions on": publisher first.
_REVERSED = re.compile(
    r"^(.+?) ((?:IEEE|ACM)(?: ACM)?(?: \w+)? (?:Transactions|Journal|Journals)(?: on| of)?)$",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[\W_]+")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def normalise(text: str) -> str:
    """``"Proc. of ICML2023 (PMLR)"`` -> ``"Proc of ICML 2023 PMLR"``; case is kept."""
    text = text.replace("&", " and ")
    text = _NON_WORD.sub(" ", text)
    return _LETTER_DIGIT.sub(" ", text).strip()


def match(name: str, kinds: frozenset[str] = frozenset({CONFERENCE, JOURNAL})) -> Venue | None:
    """The first table venue found in a venue name if it is one of ``kinds``, else None."""
    venue = _first_venue(name)
    # Filter after the scan: "Transactions of the Association for Computational
    # Linguistics" is TACL, a journal, even when only conferences are wanted.
    return venue if venue is not None and venue.kind in kinds else None


@lru_cache(maxsize=8192)
def _first_venue(name: str) -> Venue | None:
    """The first table venue found in a venue name, of any kind.

    Cached: a 50k-entry bibliography repeats a few hundred venue names, and classify asks
    about one name for different kinds.
    """
    if _URL.search(name):
        return None  # "https://www.x.com" is a link, not the WWW conference
    cased = _REVERSED.sub(r"\2 \1", normalise(name))
    folded_name = cased.casefold()
    if not folded_name:
        return None
    for venue in VENUES:
        if not venue.could_match(folded_name, cased):
            continue  # most of the table, for any one name: no regex compiled for it
        pattern, acronym, exclude = venue.regexes
        hit = pattern.search(folded_name) or (acronym and acronym.search(cased))
        if hit and not (exclude and exclude.search(folded_name)):
            return venue
    return None


@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """``normalise(text).casefold()``, remembered: classify asks it of the same few venues."""
    return normalise(text).casefold()


def track(venue: Venue, name: str) -> str:
    """The track label ("Findings") a venue name asks for, or ""."""
    if not venue.tracks:
        return ""
    folded_name = folded(name)
    return next((label for rx, label in venue.track_regexes if rx.search(folded_name)), "")


_NEEDLE_TABLE = '''"""Every venue-table regex's needles (pubgen.needles), derived in advance.

Deriving them at run time took ~1 ms of every build that looks a venue up. Generated by
``python -m pubgen.venues`` (tests/test_needles.py checks it is current). venues.py
derives the needles of a pattern that is not here, so after an edit of the table this
file can only be slow, never wrong.
"""

from __future__ import annotations

NEEDLES: dict[str, frozenset[str] | None] = {
'''


def needle_table() -> str:
    """The text of pubgen/venue_needles.py for the table as it is now."""
    from pubgen.needles import needles

    patterns = dict.fromkeys(p for venue in VENUES for p in (venue.pattern, venue.acronym) if p)
    lines = [_NEEDLE_TABLE]
    for pattern in patterns:
        found = needles(pattern)
        value = "None" if found is None else f"frozenset({{{', '.join(map(repr, sorted(found)))}}})"
        lines.append(f"    {pattern!r}: {value},\n")
    return "".join([*lines, "}\n"])


if __name__ == "__main__":
    with open(
        os.path.join(os.path.dirname(__file__), "venue_needles.py"), "w", encoding="utf-8"
    ) as handle:
        handle.write(needle_table())
