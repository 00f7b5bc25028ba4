"""The BibTeX fields pubgen knows; any other field is reported (as a warning) and ignored.

A field nobody has heard of is usually a typo ("tilte") or a tool's private data; either
way the user should know it does not reach the page. The list covers BibTeX, the
biblatex data model, and what Zotero/Better BibTeX, JabRef, BibDesk, Mendeley, dblp,
NASA ADS, Google Scholar and al-folio write.
"""

from __future__ import annotations

from pubgen.lazyre import LazyRegex

_BIBTEX = """
address annote author booktitle chapter crossref edition editor howpublished institution
journal key month note number organization pages publisher school series title type
volume year
"""
_BIBLATEX = """
abstract addendum afterword annotation annotator authortype bookauthor bookpagination
booksubtitle booktitleaddon chapter commentator date doi editora editorb editorc
editortype editoratype editorbtype editorctype eid entrysubtype eprint eprintclass
eprinttype eventdate eventtitle eventtitleaddon file foreword holder indextitle
introduction isan isbn ismn isrn issn issue issuesubtitle issuetitle iswc journalsubtitle
journaltitle journaltitleaddon label language library location mainsubtitle maintitle
maintitleaddon nameaddon origdate origlanguage origlocation origpublisher origtitle
pagetotal pagination part pubstate reprinttitle shortauthor shorteditor shorthand
shorthandintro shortjournal shortseries shorttitle subtitle titleaddon translator
urldate venue version xdata xref ids related relatedtype relatedstring relatedoptions
options presort sortkey sortname sortshorthand sorttitle sortyear indexsorttitle
execute gender langid langidopts keywords entryset usera userb userc userd usere
userf verba verbb verbc lista listb listc listd liste listf namea nameb namec
nameatype namebtype namectype archiveprefix primaryclass url howpublished
"""
_TOOLS = """
abbr abstracturl acknowledgement acmid adsnote adsurl additional_info affiliation
altmetric arxiv arxiv_id arxivid award award_name bibdate bibsource bibtex_show biburl
blog citeulike-article-id code coden comment comments copyright country date-added
date-modified day dimensions ee fjournal google_scholar_id groups hal hal_id hal_version
html huggingface inspirehep_id keyword lccn local-url mendeley-groups mendeley-tags
month_numeric mrclass mrnumber mrreviewer numpages oai openalex owner pdf pmcid pmid
poster preview preview_fit project publisher-place rating read s2id selected slides
supp tags timestamp uri urn video website zmnumber issue_date articleno pdf_locked
sourceid personids xml-checksum city day shortjournal collaborator
"""
KNOWN_FIELDS = frozenset((_BIBTEX + _BIBLATEX + _TOOLS).split())

# Numbered and annotated variants: url2, file3, bdsk-url-1, author+an, title+an:role.
_KNOWN_PATTERN = LazyRegex(r"(?:url|file|isbn|doi)\d+|bdsk-[\w-]+|[\w-]+\+an(?::[\w-]+)?")


def unknown_fields(names: list[str]) -> list[str]:
    """The lower-case field names that are neither known nor a known variant."""
    return [
        name
        for name in names
        if name not in KNOWN_FIELDS and not _KNOWN_PATTERN.compiled.fullmatch(name)
    ]
