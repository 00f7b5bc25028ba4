"""One stream of synthetic Better BibTeX entries (see generate.py for the files)."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from bench import vocab as v


@dataclass(frozen=True)
class Person:
    family: str
    given: str
    von: str = ""
    literal: bool = False  # a braced corporate name: {OpenAI}

    @property
    def full(self) -> str:
        return " ".join(part for part in (self.given, self.von, self.family) if part)

    @property
    def yaml(self) -> str:
        """``von Family, Given``: how a user names this author in overrides.yaml."""
        return f"{' '.join(p for p in (self.von, self.family) if p)}, {self.given}"

    def bibtex(self, latex: bool) -> str:
        if self.literal:
            return "{" + self.family + "}"
        text = self.yaml
        return "".join(v.LATEX_ACCENTS.get(c, c) for c in text) if latex else text


OWNER = Person("Núñez-García", "Ana María")
OWNER_INITIALS = Person("Núñez-García", "A. M.")


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    fields: tuple[tuple[str, str], ...]
    authors: tuple[Person, ...] = ()
    owner: Person | None = None
    title: str = field(default="", compare=False)
    twin_of: str = ""  # the key of the published version this preprint duplicates

    def bibtex(self) -> str:
        body = ",\n".join(f"  {name} = {value}" for name, value in self.fields)
        return f"@{self.kind}{{{self.key},\n{body}\n}}\n"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("ø", "o"))
    return "".join(c for c in folded if c.isascii() and c.isalnum())


class Stream:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.keys: set[str] = set()
        self.titles: set[str] = set()
        self.serial = 0
        self.preprints = 0
        self.twins: list[tuple[int, Entry]] = []  # (emit at index, published entry)

    def person(self) -> Person:
        rng = self.rng
        if rng.random() < 0.08:
            von, family = rng.choice(v.PARTICLES)
            return Person(family, rng.choice(v.GIVENS).replace("~", " "), von)
        return Person(rng.choice(v.FAMILIES), rng.choice(v.GIVENS).replace("~", " "))

    def authors(self, low: int = 4, high: int = 12) -> tuple[tuple[Person, ...], Person | None]:
        rng = self.rng
        count = min(rng.randint(low, high), rng.randint(low, high))  # fewer long lists
        people: dict[tuple[str, str], Person] = {}
        while len(people) < count:
            person = self.person()
            people.setdefault((person.family, person.given), person)
        chosen = list(people.values())
        owner = None
        if rng.random() < 0.35:
            owner = OWNER_INITIALS if rng.random() < 0.05 else OWNER
            chosen[rng.randrange(len(chosen))] = owner
        if rng.random() < 0.01:
            chosen.append(Person("OpenAI", "", literal=True))
        return tuple(chosen), owner

    def title(self) -> str:
        """A new title (never one already given: a shared title would merge two papers)."""
        rng = self.rng
        while True:
            a, b = rng.sample(v.ADJECTIVES, 2)
            n, m = rng.sample(v.NOUNS, 2)
            d, x, acr = rng.choice(v.DOMAINS), rng.choice(v.METHODS), rng.choice(v.ACRONYMS)
            name = rng.choice(v.SYSTEM_HEADS) + rng.choice(v.SYSTEM_TAILS)
            if rng.random() < 0.05:  # math: kept out of the {{Caps}} runs as MATH
                title = rng.choice([f"MATH-{a} {n} for {d}", f"{a} {n} in MATH Time via {x}"])
            else:
                title = rng.choice(
                    [
                        f"{a} {n} for {d}",
                        f"{name}: {a} and {b} {n} via {x}",
                        f"Towards {a} {acr} {n} in {d}",
                        f"On the {n} of {a} {m} with {x}",
                        f"{a} {n} at Scale: {b} {m} for {d}",
                        f"{name}: {acr}-{a} {n} for {d}",
                    ]
                )
            plain = re.sub(r"[^a-z0-9]", "", title.lower())
            if plain not in self.titles:
                self.titles.add(plain)
                return title

    def protected(self, title: str, math: str) -> str:
        """The title as Better BibTeX writes it: capitalised runs in ``{{...}}``; or, like
        a native Zotero export, only acronyms protected (``{GPU}``)."""
        if self.rng.random() < 0.15:
            words = [f"{{{w}}}" if w in v.ACRONYMS else w for w in title.split(" ")]
            return " ".join(words).replace("MATH", math)
        out: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                out.append("{{" + " ".join(run) + "}}")
                run.clear()

        for index, word in enumerate(title.split(" ")):
            colon = word.endswith(":")
            word = word.rstrip(":")
            if index and word[:1].isupper() and "MATH" not in word:
                run.append(word)
            else:
                flush()
                out.append(word)
            if colon:
                flush()
                out[-1] += ":"
        flush()
        return " ".join(out).replace("MATH", math)

    def abstract(self) -> str:
        rng = self.rng
        length = rng.randint(600, 1000)
        sentences: list[str] = []
        size = 0
        while size < length:
            words = rng.choices(v.ABSTRACT_WORDS, k=rng.randint(10, 24))
            extra = rng.random()
            if extra < 0.15:
                words.append(f"by {rng.randint(5, 95)}\\%")
            elif extra < 0.25:
                words.append(f"with a {rng.randint(2, 9)}.{rng.randint(0, 9)}$\\times$ speedup")
            elif extra < 0.3:
                words.append(f"on {{{rng.choice(v.ACRONYMS)}}} clusters -- at scale")
            sentence = f"{rng.choice(v.SENTENCE_STARTS)} {' '.join(words)}."
            sentences.append(sentence)
            size += len(sentence) + 1
        return " ".join(sentences)

    def key(self, author: Person, title: str, year: int) -> str:
        words = [w for w in re.split(r"[^A-Za-z0-9]+", title.replace("MATH", "")) if len(w) > 3]
        base = _ascii(author.family).lower()
        base += "".join(w[:1].upper() + w[1:].lower() for w in words[:3]) + str(year)
        key, suffix = base, 0
        while key.casefold() in self.keys:
            suffix += 1
            key = base + "abcdefghijklmnopqrstuvwxyz"[suffix % 26] * (1 + suffix // 26)
        self.keys.add(key.casefold())
        return key

    def entry(self) -> Entry:
        rng = self.rng
        self.serial += 1
        kind = rng.choices(
            ["inproceedings", "article", "misc", "phdthesis", "book", "techreport"],
            weights=[45, 30, 20, 2, 1.5, 1.5],
        )[0]
        low, high = (4, 12) if kind in ("inproceedings", "article", "misc") else (1, 3)
        authors, owner = self.authors(low, high)
        year = rng.choices(range(1995, 2026), weights=[1 + i * i for i in range(31)])[0]
        template = self.title()
        math = rng.choice(v.TITLE_MATH)
        latex = rng.random() < 0.15  # an older or hand-edited export: accents as LaTeX
        names = " and ".join(a.bibtex(latex) for a in authors)
        if rng.random() < 0.02:
            names += " and others"
        fields: list[tuple[str, str]] = [("title", "{" + self.protected(template, math) + "}")]
        if rng.random() < 0.2 and ":" in template:
            short = self.protected(template.split(":")[0], math)
            fields.append(("shorttitle", "{" + short + "}"))
        fields += self.venue_fields(kind, year, authors, names)
        if rng.random() < 0.85:
            after_year = [name for name, _ in fields].index("year") + 1
            fields.insert(after_year, ("month", _month(rng)))
        entry = Entry(
            self.key(authors[0], template, year),
            kind,
            tuple(fields) + self.tail(kind, template.replace("MATH", "x"), authors, year),
            authors,
            owner,
            template.replace("MATH", math),
        )
        if kind in ("inproceedings", "article") and rng.random() < 0.04:
            self.twins.append((self.serial + rng.randint(1, 15), entry))
        return entry

    def venue_fields(
        self, kind: str, year: int, authors: tuple[Person, ...], names: str
    ) -> list[tuple[str, str]]:
        rng = self.rng
        ordinal = rng.choice(v.ORDINALS)
        page = rng.randint(1, 9000)
        pages = ("pages", f"{{{page}--{page + rng.randint(5, 14)}}}")
        if kind == "inproceedings":
            pool = rng.choices(
                [v.KNOWN_BOOKTITLES, v.UNKNOWN_BOOKTITLES, v.WORKSHOP_BOOKTITLES], [75, 18, 7]
            )[0]
            title = rng.choice(pool).replace("{n}", ordinal)
            if rng.random() < 0.3 and "{{" not in title:
                title = self.protected(title, "")
            out = [("booktitle", f"{{{title}}}"), ("author", f"{{{names}}}")]
            out += [("year", str(year)), pages]
            if rng.random() < 0.6:
                out += [("publisher", f"{{{rng.choice(v.PUBLISHERS)}}}")]
                out += [("address", f"{{{rng.choice(v.PUBLISHER_PLACES)}}}")]
            return out
        if kind == "article":
            journal = rng.choice(v.KNOWN_JOURNALS if rng.random() < 0.7 else v.UNKNOWN_JOURNALS)
            return [
                ("author", f"{{{names}}}"),
                ("year", str(year)),
                ("journal", f"{{{journal}}}"),
                ("volume", f"{{{rng.randint(1, 60)}}}"),
                ("number", f"{{{rng.randint(1, 12)}}}"),
                pages,
                ("issn", f"{{{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}}}"),
            ]
        if kind == "misc":
            arxiv = self.arxiv_id(year)
            return [
                ("author", f"{{{names}}}"),
                ("year", str(max(year, 2008))),
                ("number", f"{{arXiv:{arxiv}}}"),
                ("eprint", f"{{{arxiv}}}"),
                ("primaryclass", f"{{{rng.choice(v.ARXIV_CLASSES)}}}"),
                ("publisher", "{arXiv}"),
                ("doi", f"{{10.48550/arXiv.{arxiv}}}"),
                ("archiveprefix", "{arXiv}"),
            ]
        extra = {
            "phdthesis": ("school", rng.choice(v.SCHOOLS)),
            "book": ("publisher", rng.choice(v.PUBLISHERS)),
            "techreport": ("institution", rng.choice(v.SCHOOLS)),
        }[kind]
        return [("author", f"{{{names}}}"), ("year", str(year)), (extra[0], f"{{{extra[1]}}}")]

    def tail(
        self, kind: str, title: str, authors: tuple[Person, ...], year: int
    ) -> tuple[tuple[str, str], ...]:
        """doi, url, urldate, abstract, langid, keywords, file: the bulk of a Zotero entry."""
        rng = self.rng
        out: list[tuple[str, str]] = []
        if kind in ("inproceedings", "article") and rng.random() < 0.8:
            prefix = rng.choice(["10.1145/", "10.1109/TPDS.", "10.1007/978-3-031-", "10.1038/s"])
            out.append(("doi", f"{{{prefix}{year}.{self.serial:06d}}}"))
        if rng.random() < 0.3:
            out.append(("url", f"{{https://example.org/papers/{self.serial}?v=2&id=x_{year}}}"))
        visited = f"{min(year + rng.randint(0, 3), 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        out.append(("urldate", "{" + visited + "}"))
        if rng.random() < 0.9:
            out.append(("abstract", "{" + self.abstract() + "}"))
        if rng.random() < 0.1:
            out.append(("copyright", "{http://creativecommons.org/licenses/by/4.0/}"))
        if rng.random() < 0.85:
            out.append(("langid", "{english}"))
        if rng.random() < 0.6:
            words = rng.sample(v.KEYWORDS, rng.randint(1, 4))
            out.append(("keywords", "{" + ",".join(words) + "}"))
        if rng.random() < 0.03:
            out.append(("annotation", "{GSCC: 0000111 2024-05-01T00:00:00}"))
        if rng.random() < 0.85:
            lead = authors[0].family + (" et al." if len(authors) > 2 else "")
            name = re.sub(r"[:?/]", "", title)[:90]
            storage = "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", k=8))
            path = f"/home/ana/Zotero/storage/{storage}/{lead} - {year} - {name}.pdf"
            if rng.random() < 0.1:
                path += f";/home/ana/Zotero/storage/{storage}/Snapshot.html"
            out.append(("file", "{" + path + "}"))
        return tuple(out)

    def arxiv_id(self, year: int) -> str:
        self.preprints += 1  # a counter, so no two preprints share an id
        return f"{max(year, 2008) % 100:02d}{self.rng.randint(1, 12):02d}.{self.preprints:05d}"

    def twin(self, published: Entry) -> Entry:
        """The arXiv preprint of a published entry: same title and authors."""
        year = next(int(value) for name, value in published.fields if name == "year")
        arxiv = self.arxiv_id(year)
        keep = {"title", "author", "abstract", "keywords", "langid"}
        fields = [(n, val) for n, val in published.fields if n in keep]
        fields += [
            ("year", str(year)),
            ("number", f"{{arXiv:{arxiv}}}"),
            ("eprint", f"{{{arxiv}}}"),
            ("primaryclass", "{cs.LG}"),
            ("publisher", "{arXiv}"),
            ("archiveprefix", "{arXiv}"),
        ]
        key = self.key(published.authors[0], published.title, year)
        return Entry(
            key, "misc", tuple(fields), published.authors, published.owner, "", published.key
        )


def _month(rng: random.Random) -> str:
    return rng.choice("jan feb mar apr may jun jul aug sep oct nov dec".split())


def generate(count: int, seed: int) -> list[Entry]:
    """The first ``count`` entries of the stream for ``seed`` (preprint twins included)."""
    stream = Stream(seed)
    out: list[Entry] = []
    while len(out) < count:
        due = [twin for at, twin in stream.twins if at <= stream.serial]
        stream.twins = [(at, twin) for at, twin in stream.twins if at > stream.serial]
        out.extend(stream.twin(entry) for entry in due)
        out.append(stream.entry())
    return out[:count]
