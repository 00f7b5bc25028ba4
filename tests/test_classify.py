# (The tables hold real venue names, one row per line.)
"""Venue type and short venue: one table per behaviour.

Venue strings marked "corpus" are copied from /work/shared/corpus (homepage, Zotero and dblp
exports); the expected value is what a careful human writes in a publication list.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pubgen.classify import classify, short_venue, venue_type
from pubgen.model import VENUE_TYPES, Location, Publication
from pubgen.normalise import arxiv_id
from pubgen.venues import VENUES, match, normalise

_VENUE_FIELD = {"article": "journal", "online": "journaltitle"}


def make(
    entry_type: str = "inproceedings",
    venue: str = "",
    year: int | None = 2024,
    /,
    **fields: str,
) -> Publication:
    """A publication as normalise hands it over: venue decoded, fields still raw."""
    raw = dict(fields)
    if venue:
        raw.setdefault(_VENUE_FIELD.get(entry_type, "booktitle"), venue)
    given_arxiv = raw.pop("arxiv", "")
    pub = Publication(
        key="k",
        entry_type=entry_type,
        fields=raw,
        location=Location("t.bib", 1),
        year=year,
        venue_name=venue,
    )
    return replace(pub, arxiv=given_arxiv or arxiv_id(pub))


def venue(pub: Publication, user_venues: dict[str, str] | None = None) -> str:
    return classify(pub, user_venues or {}).venue


# --- venue_type -----------------------------------------------------------------------------

# fmt: off
TYPES = [
    ("inproceedings", "Advances in Neural Information Processing Systems", {}, "conference"),
    ("conference", "2019 IEEE 39th International Conference on Distributed Computing Systems (ICDCS)", {}, "conference"),
    ("proceedings", "Proceedings of the 41st International Conference on Machine Learning", {}, "conference"),
    ("inproceedings", "NeurIPS 2024 Workshop on Fine-Tuning in Modern Machine Learning", {}, "workshop"),
    ("inproceedings", "IEEE INFOCOM 2023 Wksp", {}, "workshop"),
    ("inproceedings", "ACM SIGCOMM 2022 W/S on Network-Application Integration", {}, "workshop"),
    ("inproceedings", "2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition Workshops (CVPRW)", {}, "workshop"),
    ("inproceedings", "Proceedings of the Big Data - 6th CCF Conference", {"eventtitle": "Workshop on Big Data"}, "workshop"),
    ("inproceedings", "2023 IEEE/ACM 31st International Workshop on Quality of Service (IWQoS)", {}, "conference"),
    ("inproceedings", "Preprint", {}, "preprint"),
    ("article", "IEEE Transactions on Parallel and Distributed Systems", {}, "journal"),
    ("article", "Water Research", {}, "journal"),
    ("article", "arXiv preprint arXiv:2401.17644", {}, "preprint"),
    ("article", "CoRR", {"volume": "abs/2003.06307"}, "preprint"),
    ("article", "bioRxiv", {}, "preprint"),
    ("article", "Available at SSRN 4346827", {}, "preprint"),
    ("article", "ArXiv preprint", {}, "preprint"),
    ("article", "Nature", {"pubstate": "prepublished"}, "preprint"),
    ("article", "", {"eprint": "2303.01778", "archiveprefix": "arXiv"}, "preprint"),
    ("article", "", {}, "journal"),
    # Conference papers exported as @article (Google Scholar, hand-written homepages).
    ("article", "Advances in Neural Information Processing Systems", {"volume": "37"}, "conference"),
    ("article", "ICLR", {}, "conference"),
    ("article", "Proceedings of the AAAI Conference on Artificial Intelligence", {}, "conference"),
    ("article", "CVPR LIMIT workshop", {}, "workshop"),
    ("article", "Transactions of the Association for Computational Linguistics", {}, "journal"),
    ("article", "World Wide Web", {}, "journal"),
    ("article", "GitHub", {}, "other"),
    ("article", "https://openai.com/index/gpt-4-1/", {}, "other"),
    ("misc", "", {"eprint": "2310.12670", "archiveprefix": "arXiv"}, "preprint"),
    ("misc", "", {"publisher": "arXiv"}, "preprint"),
    ("misc", "", {"howpublished": "arXiv preprint arXiv:2303.01778"}, "preprint"),
    ("misc", "", {"howpublished": "\\url{https://www.biorxiv.org/content/10.1101/x}"}, "preprint"),
    ("online", "", {"eprint": "2005.14165", "eprinttype": "arXiv", "pubstate": "prepublished"}, "preprint"),
    ("unpublished", "", {"eprint": "1412.6980", "eprinttype": "arxiv"}, "preprint"),
    ("techreport", "", {"institution": "arXiv"}, "preprint"),
    ("misc", "", {"howpublished": "\\url{https://transluce.org/neuron-descriptions}"}, "other"),
    ("unpublished", "", {"note": "Submitted to Electronic Journal of Statistics"}, "other"),
    ("techreport", "", {"institution": "OpenAI"}, "other"),
    ("phdthesis", "", {"school": "Hong Kong Baptist University"}, "thesis"),
    ("mastersthesis", "", {}, "thesis"),
    ("thesis", "", {"type": "phdthesis"}, "thesis"),
    ("book", "", {"publisher": "MIT Press"}, "book"),
    ("inbook", "", {}, "book"),
    ("incollection", "Advances in Experimental Social Psychology", {}, "book"),
    ("incollection", "Computer Vision -- ECCV 2022: 17th European Conference, Tel Aviv, Israel, Proceedings, Part XI", {}, "conference"),
    ("incollection", "Proceedings of the 6th ACM SIGMM International Workshop on Multimedia", {}, "workshop"),
    ("manual", "", {}, "other"),
    ("software", "Zenodo", {"publisher": "Zenodo"}, "other"),
    ("patent", "", {}, "other"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "name", "fields", "expected"), TYPES)
def test_venue_type(entry_type: str, name: str, fields: dict[str, str], expected: str) -> None:
    assert expected in VENUE_TYPES
    assert venue_type(make(entry_type, name, **fields)) == expected


@pytest.mark.parametrize(
    ("entry_type", "name", "override"),
    [("article", "IEEE Transactions on Parallel and Distributed Systems", "conference"),
     ("misc", "", "journal"), ("inproceedings", "NeurIPS 2024 Workshop on X", "conference")],
)  # fmt: skip
def test_type_override_wins(entry_type: str, name: str, override: str) -> None:
    assert venue_type(replace(make(entry_type, name), type_override=override)) == override


# --- short_venue: the owner's own list (seed homepage, Publications section) ---------------

# fmt: off
SEED = [
    ("inproceedings", "Proceedings of the 30th ACM International Conference on Architectural Support for Programming Languages and Operating Systems, Volume 1", 2025, {}, "ASPLOS 2025"),
    ("inproceedings", "The Thirty-eighth Annual Conference on Neural Information Processing Systems", 2024, {}, "NeurIPS 2024"),
    ("article", "Advances in Neural Information Processing Systems", 2024, {"volume": "37"}, "NeurIPS 2024"),
    ("inproceedings", "International Workshop on Federated Foundation Models in Conjunction with NeurIPS 2024", 2024, {}, "NeurIPS Workshop 2024"),
    ("inproceedings", "Findings of the Association for Computational Linguistics: EMNLP 2024", 2024, {}, "EMNLP 2024 Findings"),
    ("inproceedings", "Proceedings of the 53rd International Conference on Parallel Processing", 2024, {}, "ICPP 2024"),
    ("inproceedings", "Forty-first International Conference on Machine Learning", 2024, {}, "ICML 2024"),
    ("inproceedings", "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) Workshops", 2024, {}, "CVPR Workshop 2024"),
    ("inproceedings", "The Twelfth International Conference on Learning Representations", 2024, {}, "ICLR 2024"),
    ("article", "arXiv preprint arXiv:2401.17644", 2024, {}, "arXiv preprint arXiv:2401.17644"),
    ("misc", "", 2023, {"eprint": "2310.12670", "archiveprefix": "arXiv"}, "arXiv preprint arXiv:2310.12670"),
    ("inproceedings", "IJCAI-LLM Workshop", 2023, {}, "IJCAI Workshop 2023"),
    ("article", "IEEE Transactions on Parallel and Distributed Systems", 2022, {}, "IEEE TPDS 2022"),
    ("inproceedings", "Proceedings of the AAAI Conference on Artificial Intelligence", 2023, {}, "AAAI 2023"),
    ("inproceedings", "Proceedings of the 39th International Conference on Machine Learning", 2022, {}, "ICML 2022"),
    ("inproceedings", "FL-AAAI-22 workshop", 2022, {}, "AAAI Workshop 2022"),
    ("article", "Process Safety and Environmental Protection", 2021, {}, "Process Safety and Environmental Protection 2021"),
    ("inproceedings", "International Workshop on Federated and Transfer Learning for Data Sparsity and Confidentiality in Conjunction with IJCAI 2021(FTL-IJCAI'21)", 2021, {}, "IJCAI Workshop 2021"),
    ("article", "IEEE Network", 2021, {"volume": "35", "number": "3"}, "IEEE Network 2021"),
    ("inproceedings", "ECAI 2020 - 24th European Conference on Artificial Intelligence", 2020, {}, "ECAI 2020"),
    ("inproceedings", "2020 IEEE 40th International Conference on Distributed Computing Systems (ICDCS)", 2020, {}, "ICDCS 2020"),
    ("inproceedings", "2020 20th IEEE/ACM International Symposium on Cluster, Cloud and Internet Computing (CCGRID)", 2020, {}, "CCGRID 2020"),
    ("inproceedings", "Proceedings of the Tenth ACM International Conference on Future Energy Systems", 2019, {"series": "e-Energy '19"}, "e-Energy 2019"),
    ("inproceedings", "Proceedings of the Twenty-Eighth International Joint Conference on Artificial Intelligence, IJCAI-19", 2019, {}, "IJCAI 2019"),
    ("inproceedings", "2019 IEEE 39th International Conference on Distributed Computing Systems (ICDCS)", 2019, {}, "ICDCS 2019"),
    ("article", "Water Research", 2019, {"volume": "166"}, "Water Research 2019"),
    ("inproceedings", "2019 IEEE International Conference on Big Data (Big Data)", 2019, {}, "IEEE BigData 2019"),
    ("misc", "", 2023, {"eprint": "2303.01778", "archiveprefix": "arXiv"}, "arXiv preprint arXiv:2303.01778"),
    ("article", "CoRR", 2020, {"volume": "abs/2003.06307"}, "arXiv preprint arXiv:2003.06307"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "name", "year", "fields", "expected"), SEED)
def test_seed_venues(
    entry_type: str, name: str, year: int, fields: dict[str, str], expected: str
) -> None:
    assert venue(make(entry_type, name, year, **fields)) == expected


# --- short_venue: every table venue, under a full name real BibTeX uses ----------------------

# fmt: off
FULL_NAMES = [
    ("Advances in Neural Information Processing Systems 36: Annual Conference on Neural Information Processing Systems 2023, NeurIPS 2023, New Orleans, LA, USA, December 10 - 16, 2023", "NeurIPS"),
    ("Proceedings of the 41st International Conference on Machine Learning", "ICML"),
    ("International Conference on Machine Learning, {ICML} 2022, 17-23 July 2022, Baltimore, Maryland, {USA}", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI"),
    ("Proceedings of the Thirty-Third International Joint Conference on Artificial Intelligence", "IJCAI"),
    ("ECAI 2020 - 24th European Conference on Artificial Intelligence", "ECAI"),
    ("Proceedings of the Thirty-Ninth Conference on Uncertainty in Artificial Intelligence", "UAI"),
    ("Proceedings of The 26th International Conference on Artificial Intelligence and Statistics", "AISTATS"),
    ("Proceedings of Thirty Sixth Conference on Learning Theory", "COLT"),
    ("Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR"),
    ("2023 IEEE/CVF International Conference on Computer Vision (ICCV)", "ICCV"),
    ("European Conference on Computer Vision", "ECCV"),
    ("Proceedings of the IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)", "WACV"),
    ("Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)", "ACL"),
    ("Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing", "EMNLP"),
    ("Proceedings of the 2024 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies (Volume 1: Long Papers)", "NAACL"),
    ("Proceedings of the 29th International Conference on Computational Linguistics", "COLING"),
    ("Proceedings of the 18th Conference of the European Chapter of the Association for Computational Linguistics (Volume 1: Long Papers)", "EACL"),
    ("First Conference on Language Modeling", "COLM"),
    ("Proceedings of the 29th ACM SIGKDD Conference on Knowledge Discovery and Data Mining", "KDD"),
    ("Proceedings of the 25th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining", "KDD"),
    ("Proceedings of the ACM Web Conference 2023", "WWW"),
    ("Proceedings of the 26th International Conference on World Wide Web", "WWW"),
    ("Proceedings of the 46th International ACM SIGIR Conference on Research and Development in Information Retrieval", "SIGIR"),
    ("Proceedings of the 17th ACM International Conference on Web Search and Data Mining", "WSDM"),
    ("Proceedings of the 32nd ACM International Conference on Information and Knowledge Management", "CIKM"),
    ("2023 IEEE International Conference on Data Mining (ICDM)", "ICDM"),
    ("Proceedings of the 2024 SIAM International Conference on Data Mining (SDM)", "SDM"),
    ("Proceedings of the 2022 International Conference on Management of Data", "SIGMOD"),
    ("Proceedings of the VLDB Endowment", "PVLDB"),
    ("Proceedings of the 33rd International Conference on Very Large Data Bases", "VLDB"),
    ("2023 IEEE 39th International Conference on Data Engineering (ICDE)", "ICDE"),
    ("17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)", "OSDI"),
    ("Proceedings of the 29th Symposium on Operating Systems Principles", "SOSP"),
    ("20th USENIX Symposium on Networked Systems Design and Implementation (NSDI 23)", "NSDI"),
    ("Proceedings of the Nineteenth European Conference on Computer Systems", "EuroSys"),
    ("2023 USENIX Annual Technical Conference (USENIX ATC 23)", "USENIX ATC"),
    ("21st USENIX Conference on File and Storage Technologies (FAST 23)", "FAST"),
    ("Proceedings of the 28th ACM International Conference on Architectural Support for Programming Languages and Operating Systems, Volume 2", "ASPLOS"),
    ("Proceedings of the 50th Annual International Symposium on Computer Architecture", "ISCA"),
    ("Proceedings of the 56th Annual IEEE/ACM International Symposium on Microarchitecture", "MICRO"),
    ("2024 IEEE International Symposium on High-Performance Computer Architecture (HPCA)", "HPCA"),
    ("SC20: International Conference for High Performance Computing, Networking, Storage and Analysis", "SC"),
    ("Proceedings of the 29th ACM SIGPLAN Annual Symposium on Principles and Practice of Parallel Programming", "PPoPP"),
    ("Proceedings of the 32nd International Symposium on High-Performance Parallel and Distributed Computing", "HPDC"),
    ("Proceedings of the 37th International Conference on Supercomputing", "ICS"),
    ("2020 IEEE 40th International Conference on Distributed Computing Systems (ICDCS)", "ICDCS"),
    ("Proceedings of the 53rd International Conference on Parallel Processing", "ICPP"),
    ("2023 IEEE International Parallel and Distributed Processing Symposium (IPDPS)", "IPDPS"),
    ("2020 20th IEEE/ACM International Symposium on Cluster, Cloud and Internet Computing (CCGRID)", "CCGRID"),
    ("2023 IEEE International Conference on Cluster Computing (CLUSTER)", "CLUSTER"),
    ("Euro-Par 2023: Parallel Processing", "Euro-Par"),
    ("IEEE INFOCOM 2023 - IEEE Conference on Computer Communications", "INFOCOM"),
    ("Proceedings of the 29th Annual International Conference on Mobile Computing and Networking", "MobiCom"),
    ("Proceedings of the ACM SIGCOMM 2023 Conference", "SIGCOMM"),
    ("Proceedings of the 21st Annual International Conference on Mobile Systems, Applications and Services", "MobiSys"),
    ("Proceedings of the 21st ACM Conference on Embedded Networked Sensor Systems", "SenSys"),
    ("2023 IEEE/ACM 31st International Symposium on Quality of Service (IWQoS)", "IWQoS"),
    ("2023 IEEE 31st International Conference on Network Protocols (ICNP)", "ICNP"),
    ("Proceedings of Machine Learning and Systems", "MLSys"),
    ("2023 60th ACM/IEEE Design Automation Conference (DAC)", "DAC"),
    ("2023 IEEE/ACM International Conference on Computer Aided Design (ICCAD)", "ICCAD"),
    ("Proceedings of the 31st ACM International Conference on Multimedia", "ACM MM"),
    ("Proceedings of the 2024 CHI Conference on Human Factors in Computing Systems", "CHI"),
    ("Proceedings of the 36th Annual ACM Symposium on User Interface Software and Technology", "UIST"),
    ("2024 IEEE International Conference on Robotics and Automation (ICRA)", "ICRA"),
    ("2023 IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)", "IROS"),
    ("Robotics: Science and Systems XIX", "RSS"),
    ("Proceedings of The 7th Conference on Robot Learning", "CoRL"),
    ("Interspeech 2023", "Interspeech"),
    ("ICASSP 2024 - 2024 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)", "ICASSP"),
    ("Proceedings of the 15th ACM International Conference on Future and Sustainable Energy Systems", "e-Energy"),
    ("2019 IEEE International Conference on Big Data (Big Data)", "IEEE BigData"),
    ("2019 IEEE 21st International Conference on High Performance Computing and Communications; IEEE 17th International Conference on Smart City; IEEE 5th International Conference on Data Science and Systems (HPCC/SmartCity/DSS)", "HPCC"),
    ("2022 IEEE 28th International Conference on Parallel and Distributed Systems (ICPADS)", "ICPADS"),
    ("IEEE Transactions on Parallel and Distributed Systems", "IEEE TPDS"),
    ("IEEE Trans. Parallel Distributed Syst.", "IEEE TPDS"),
    ("Parallel and Distributed Systems, IEEE Transactions on", "IEEE TPDS"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "IEEE TPAMI"),
    ("IEEE Transactions on Neural Networks and Learning Systems", "IEEE TNNLS"),
    ("IEEE Trans. Knowl. Data Eng.", "IEEE TKDE"),
    ("IEEE Transactions on Image Processing", "IEEE TIP"),
    ("IEEE Transactions on Mobile Computing", "IEEE TMC"),
    ("IEEE Transactions on Computers", "IEEE TC"),
    ("IEEE/ACM Transactions on Networking", "IEEE/ACM TON"),
    ("IEEE Journal on Selected Areas in Communications", "IEEE JSAC"),
    ("IEEE Transactions on Services Computing", "IEEE TSC"),
    ("IEEE Transactions on Cloud Computing", "IEEE TCC"),
    ("IEEE Network", "IEEE Network"),
    ("IEEE Internet of Things Journal", "IEEE IoT-J"),
    ("Journal of Machine Learning Research", "JMLR"),
    ("J. Mach. Learn. Res.", "JMLR"),
    ("Transactions on Machine Learning Research", "TMLR"),
    ("International Journal of Computer Vision", "IJCV"),
    ("ACM Computing Surveys", "ACM CSUR"),
    ("ACM Transactions on Computer Systems", "ACM TOCS"),
    ("Nature", "Nature"),
    ("Science", "Science"),
    ("Nature Machine Intelligence", "Nature Machine Intelligence"),
    ("Proceedings of the National Academy of Sciences", "PNAS"),
    ("Journal of Artificial Intelligence Research", "JAIR"),
    ("Artificial Intelligence", "AIJ"),
    ("Machine Learning", "Machine Learning"),
    ("Neural Networks", "Neural Networks"),
    ("Pattern Recognition", "Pattern Recognition"),
    ("Journal of Parallel and Distributed Computing", "JPDC"),
]
# fmt: on


@pytest.mark.parametrize(("name", "abbr"), FULL_NAMES)
def test_table_full_names(name: str, abbr: str) -> None:
    found = match(name)
    entry_type = "article" if found and found.kind == "journal" else "inproceedings"
    assert venue(make(entry_type, name, 2023)) == f"{abbr} 2023"


def test_every_table_venue_is_exercised() -> None:
    tested = {abbr for _, abbr in FULL_NAMES}
    # Extras beyond the brief's list, each covered by the trap or corpus tables below.
    extras = {v.abbr for v in VENUES} - tested
    assert extras <= {
        "AIIDE", "ICWSM", "AIES", "AAMAS", "IJCNN", "ECML PKDD", "ACCV", "BMVC", "MICCAI",
        "SIGGRAPH Asia", "SIGGRAPH", "LREC-COLING", "AACL", "TACL", "PAKDD", "ICTIR",
        "ASP-DAC", "PLDI", "IMC", "CCS", "USENIX Security", "IEEE S&P", "NDSS", "ACM TOG",
    }  # fmt: skip


# --- short_venue: traps ---------------------------------------------------------------------

# fmt: off
TRAPS = [
    # "Workshop" inside a NeurIPS/ICML booktitle is a workshop, not the main conference.
    ("inproceedings", "NeurIPS 2023 Workshop on Instruction Tuning and Instruction Following", "NeurIPS Workshop 2023"),
    ("inproceedings", "Workshop on Efficient Systems for Foundation Models @ ICML2023", "ICML Workshop 2023"),
    ("inproceedings", "Proceedings of the IEEE/CVF International Conference on Computer Vision Workshops", "ICCV Workshop 2023"),
    # Look-alike names.
    ("article", "Journal of Parallel and Distributed Computing", "JPDC 2023"),
    ("article", "IEEE Transactions on Parallel and Distributed Systems", "IEEE TPDS 2023"),
    ("inproceedings", "2020 19th IEEE International Conference on Machine Learning and Applications (ICMLA)", "ICMLA 2023"),
    ("inproceedings", "International Conference on Machine Learning and Cybernetics", "International Conference on Machine Learning and Cybernetics 2023"),
    ("inproceedings", "Conference on Empirical Methods in Natural Language Processing", "EMNLP 2023"),
    ("inproceedings", "International Conference on Neural Information Processing", "International Conference on Neural Information Processing 2023"),
    ("inproceedings", "SIAM International Conference on Data Mining", "SDM 2023"),
    ("inproceedings", "Pacific-Asia Conference on Knowledge Discovery and Data Mining", "PAKDD 2023"),
    ("inproceedings", "2023 28th Asia and South Pacific Design Automation Conference (ASP-DAC)", "ASP-DAC 2023"),
    ("inproceedings", "Proceedings of the AAAI Conference on Artificial Intelligence and Interactive Digital Entertainment", "AIIDE 2023"),
    ("inproceedings", "Proceedings of the International AAAI Conference on Web and Social Media", "ICWSM 2023"),
    ("inproceedings", "Proceedings of the 2023 AAAI/ACM Conference on AI, Ethics, and Society", "AIES 2023"),
    ("inproceedings", "International Semantic Web Conference", "International Semantic Web Conference 2023"),
    ("inproceedings", "Proceedings of the 37th International Conference on Supercomputing", "ICS 2023"),
    ("inproceedings", "Interspeech 2020, 21st Annual Conference of the International Speech Communication Association", "Interspeech 2023"),
    ("inproceedings", "Formal Aspects in Security and Trust", "Formal Aspects in Security and Trust 2023"),
    ("article", "IEEE Transactions on Neural Networks and Learning Systems", "IEEE TNNLS 2023"),
    ("article", "IEEE Transactions on Network Science and Engineering", "IEEE Transactions on Network Science and Engineering 2023"),
    ("article", "IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems", "IEEE Transactions on Computer-Aided Design of Integrated Circuits and Systems 2023"),
    ("article", "Pattern Recognition Letters", "Pattern Recognition Letters 2023"),
    ("article", "Nature Communications", "Nature Communications 2023"),
    ("article", "Science Advances", "Science Advances 2023"),
    ("article", "Artificial Intelligence Review", "Artificial Intelligence Review 2023"),
    ("article", "Machine Learning with Applications", "Machine Learning with Applications 2023"),
    ("article", "World Wide Web", "World Wide Web 2023"),
    ("article", "SIGIR Forum", "SIGIR Forum 2023"),
    ("article", "The VLDB Journal", "The VLDB Journal 2023"),
    ("article", "Transactions of the Association for Computational Linguistics", "TACL 2023"),
    ("article", "Proceedings of the National Academy of Sciences, India Section A", "Proceedings of the National Academy of Sciences, India Section A 2023"),
    ("article", "JMLR Workshop and Conference Proceedings", "JMLR Workshop and Conference Proceedings 2023"),
    # Ordinals, spelled or numbered, never block a match.
    ("inproceedings", "Proceedings of the 39th International Conference on Machine Learning", "ICML 2023"),
    ("inproceedings", "Proceedings of the Thirty-Ninth AAAI Conference on Artificial Intelligence", "AAAI 2023"),
    ("inproceedings", "Thirty-Seventh Conference on Neural Information Processing Systems", "NeurIPS 2023"),
    ("inproceedings", "The Thirty-eight Conference on Neural Information Processing Systems Datasets and Benchmarks Track", "NeurIPS 2023 Datasets and Benchmarks Track"),
    # Findings of ACL-family conferences.
    ("inproceedings", "Findings of the Association for Computational Linguistics: ACL 2023", "ACL 2023 Findings"),
    ("inproceedings", "Findings of the Association for Computational Linguistics: NAACL 2024", "NAACL 2023 Findings"),
    ("inproceedings", "Findings of the Association for Computational Linguistics: EACL 2024", "EACL 2023 Findings"),
    ("inproceedings", "Findings of EMNLP", "EMNLP 2023 Findings"),
    ("inproceedings", "ACL Findings", "ACL 2023 Findings"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "name", "expected"), TRAPS)
def test_traps(entry_type: str, name: str, expected: str) -> None:
    assert venue(make(entry_type, name, 2023)) == expected


# --- short_venue: real venue strings from /work/shared/corpus ------------------------------

# fmt: off
CORPUS = [
    ("inproceedings", "Advances in Neural Information Processing Systems", 2020, "NeurIPS 2020"),
    ("inproceedings", "Neural Information Processing Systems", 1987, "NeurIPS 1987"),
    ("inproceedings", "Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)", 2024, "ACL 2024"),
    ("inproceedings", "Proceedings of the 2025 Conference of the Nations of the Americas Chapter of the Association for Computational Linguistics: Human Language Technologies (Volume 1: Long Papers)", 2025, "NAACL 2025"),
    ("inproceedings", "Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)", 2019, "NAACL 2019"),
    ("inproceedings", "Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing and the 9th International Joint Conference on Natural Language Processing (EMNLP-IJCNLP)", 2019, "EMNLP 2019"),
    ("inproceedings", "Proceedings of the 59th Annual Meeting of the Association for Computational Linguistics and the 11th International Joint Conference on Natural Language Processing (Volume 1: Long Papers)", 2021, "ACL 2021"),
    ("inproceedings", "Proceedings of the 2024 Joint International Conference on Computational Linguistics, Language Resources and Evaluation (LREC-COLING 2024)", 2024, "LREC-COLING 2024"),
    ("inproceedings", "31st International Conference on Computational Linguistics, COLING 2025", 2025, "COLING 2025"),
    ("inproceedings", "Proceedings of the 31st International Conference on Computational Linguistics: System Demonstrations", 2025, "COLING 2025 Demo"),
    ("inproceedings", "Proceedings of the 18th Conference of the European Chapter of the Association for Computational Linguistics: Student Research Workshop", 2024, "EACL Workshop 2024"),
    ("inproceedings", "Proceedings of the 2nd Conference of the Asia-Pacific Chapter of the Association for Computational Linguistics", 2022, "AACL 2022"),
    ("inproceedings", "The Fourth Blogpost Track at ICLR 2025", 2025, "ICLR 2025 Blogpost Track"),
    ("inproceedings", "The Tenth International Conference on Learning Representations, ICLR 2022, Virtual Event, April 25-29, 2022", 2022, "ICLR 2022"),
    ("inproceedings", "ICML 2025 Workshop on Data in Generative Models - The Bad, the Ugly, and the Greats", 2025, "ICML Workshop 2025"),
    ("inproceedings", "Pluralistic Alignment Workshop at NeurIPS 2024", 2024, "NeurIPS Workshop 2024"),
    ("inproceedings", "The 3rd Workshop on Mathematical Reasoning and AI at NeurIPS'23", 2023, "NeurIPS Workshop 2023"),
    ("inproceedings", "Machine Learning in Real Life (ML-IRL), ICLR 2020 Workshop", 2020, "ICLR Workshop 2020"),
    ("inproceedings", "Proceedings of The Thirty-Ninth AAAI Conference on Artificial Intelligence", 2025, "AAAI 2025"),
    ("inproceedings", "Proceedings of the 30th ACM SIGKDD Conference on Knowledge Discovery and Data Mining", 2024, "KDD 2024"),
    ("inproceedings", "Proceedings of the 31st ACM SIGKDD Conference on Knowledge Discovery and Data Mining V.2 (KDD \u201925)", 2025, "KDD 2025"),
    ("inproceedings", "Proceedings of the ACM Web Conference", 2023, "WWW 2023"),
    ("inproceedings", "Proceedings of the 17th ACM International Conference on Web Search and Data Mining", 2024, "WSDM 2024"),
    ("inproceedings", "Proceedings of the 33rd ACM International Conference on Information and Knowledge Management", 2024, "CIKM 2024"),
    ("inproceedings", "Proceedings of the 29th Symposium on Operating Systems Principles", 2023, "SOSP 2023"),
    ("inproceedings", "Proceedings of the 42nd ACM SIGPLAN International Conference on Programming Language Design and Implementation", 2021, "PLDI 2021"),
    ("inproceedings", "2025 IEEE International Symposium on High Performance Computer Architecture (HPCA)", 2025, "HPCA 2025"),
    ("inproceedings", "11th USENIX Symposium on Networked Systems Design and Implementation (NSDI 14)", 2014, "NSDI 2014"),
    ("inproceedings", "2015 USENIX Annual Technical Conference (USENIC ATC 15)", 2015, "USENIX ATC 2015"),
    ("inproceedings", "In the 36th Annual ACM Symposium on User Interface Software and Technology (UIST '23)", 2023, "UIST 2023"),
    ("inproceedings", "Proceedings of the 2025 CHI Conference on Human Factors in Computing Systems", 2025, "CHI 2025"),
    ("inproceedings", "CHI '15: Proceedings of the 33rd Annual ACM Conference on Human Factors in Computing Systems", 2015, "CHI 2015"),
    ("inproceedings", "CHI '14 Extended Abstracts on Human Factors in Computing Systems", 2014, "CHI 2014 Extended Abstracts"),
    ("inproceedings", "MobileHCI '11: Proceedings of the 13th International Conference on Human Computer Interaction with Mobile Devices and Services", 2011, "MobileHCI 2011"),
    ("inproceedings", "Proceedings of the 32nd ACM International Conference on Multimedia", 2024, "ACM MM 2024"),
    ("inproceedings", "Computer Vision\u2013ECCV 2020: 16th European Conference, Glasgow, UK, August 23\u201328, 2020, Proceedings, Part II 16 (ECCV)", 2020, "ECCV 2020"),
    ("inproceedings", "2016 IEEE Conference on Computer Vision and Pattern Recognition, CVPR 2016, Las Vegas, NV, USA, June 27-30, 2016", 2016, "CVPR 2016"),
    ("inproceedings", "IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)", 2024, "IROS 2024"),
    ("inproceedings", "Robotics and Automation (ICRA), 2011 IEEE International Conference On", 2011, "ICRA 2011"),
    ("inproceedings", "2024 IEEE 27th International Conference on Intelligent Transportation Systems (ITSC)", 2024, "ITSC 2024"),
    ("inproceedings", "2023 IEEE High Performance Extreme Computing Conference (HPEC)", 2023, "HPEC 2023"),
    ("inproceedings", "2024 European Control Conference (ECC)", 2024, "ECC 2024"),
    ("inproceedings", "IEEE Annual Consumer Communications & Networking Conference (CCNC)", 2021, "CCNC 2021"),
    ("inproceedings", "Proceedings of WORDS 2007", 2007, "Proceedings of WORDS 2007"),
    ("inproceedings", "Foundations of Digital Games, FDG", 2013, "FDG 2013"),
    ("inproceedings", "Proceedings of the 12th International Society for Music Information Retrieval Conference, ISMIR 2011, Miami, Florida, USA, October 24-28, 2011", 2011, "ISMIR 2011"),
    ("inproceedings", "Proceedings. IEEE/WIC/ACM International Conference on Intelligent Agent Technology, 2004. (IAT 2004).", 2004, "IAT 2004"),
    ("inproceedings", "Proceedings of the 17th Dutch-Belgian Information Retrieval Workshop, Leiden, The Netherlands, November 2017", 2017, "Proceedings of the 17th Dutch-Belgian Information Retrieval Workshop, Leiden, The Netherlands, November 2017"),
    ("inproceedings", "Proceedings of the 1st Workshop on X, Boston, MA, USA", 2017, "Proceedings of the 1st Workshop on X, Boston, MA, USA 2017"),
    ("inproceedings", "Joint Proceedings of the FM4M, MathUI, and ThEdu Workshops, Doctoral Program, and Work in Progress at the Conference on Intelligent Computer Mathematics", 2016, "Joint Proceedings of the FM4M, MathUI, and ThEdu Workshops, Doctoral Program, and Work in Progress at the Conference on Intelligent Computer Mathematics 2016"),
    ("inproceedings", "Proceedings of the 3rd International Workshop on Privacy Engineering, co-located with 38th IEEE Symposium on Security and Privacy", 2017, "IEEE S&P Workshop 2017"),
    ("article", "Advances in Neural Information Processing Systems (NeuralIPS)", 2022, "NeurIPS 2022"),
    ("article", "Computer Vision and Pattern Recognition (CVPR)", 2025, "CVPR 2025"),
    ("article", "International Conference on Computer Vision (ICCV)", 2025, "ICCV 2025"),
    ("article", "NeurIPS Track on Datasets and Benchmarks", 2021, "NeurIPS 2021 Datasets and Benchmarks Track"),
    ("article", "ECCV Green Foundation Model Workshop", 2024, "ECCV Workshop 2024"),
    ("article", "IEEE Big Data (Federated Learning Track)", 2024, "IEEE BigData 2024"),
    ("article", "International Journal of Computer Vision (IJCV)", 2025, "IJCV 2025"),
    ("article", "IEEE Transactions on Knowledge and Data Engineering (TKDE),", 2020, "IEEE TKDE 2020"),
    ("article", "Proceedings of the National Academy of Sciences (PNAS)", 2021, "PNAS 2021"),
    ("article", "ACM Transactions on Graphics (TOG)", 2026, "ACM TOG 2026"),
    ("article", "ACM Special Interest Group for Computer Graphics and Interactive Techniques Asia (SIGGRAPH Asia)", 2024, "SIGGRAPH Asia 2024"),
    ("article", "Expert Systems with Applications", 2024, "Expert Systems with Applications 2024"),
    ("article", "Theoretical Computer Science", 2009, "Theoretical Computer Science 2009"),
    ("article", "Available at SSRN 4346827", 2023, "SSRN 2023"),
    ("article", "arXiv preprint, arXiv:1502.04623", 2015, "arXiv preprint arXiv:1502.04623"),
    ("article", "arXiv: 2312.08895", 2023, "arXiv preprint arXiv:2312.08895"),
    ("article", "ArXiv preprint", 2024, "arXiv 2024"),
    ("article", "Preprint", 2025, "Preprint 2025"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "name", "year", "expected"), CORPUS)
def test_corpus_venues(entry_type: str, name: str, year: int, expected: str) -> None:
    assert venue(make(entry_type, name, year)) == expected


# --- short_venue: preprints -----------------------------------------------------------------

# fmt: off
PREPRINTS = [
    ("misc", {"arxiv": "2310.12670"}, "arXiv preprint arXiv:2310.12670"),
    ("misc", {"eprint": "2310.12670v2", "archiveprefix": "arXiv"}, "arXiv preprint arXiv:2310.12670"),
    ("misc", {"eprint": "2303.01778v2", "archiveprefix": "arXiv"}, "arXiv preprint arXiv:2303.01778"),
    ("online", {"eprint": "arXiv:2005.14165", "eprinttype": "arxiv"}, "arXiv preprint arXiv:2005.14165"),
    ("misc", {"eprint": "hep-th/9901001", "archiveprefix": "arXiv"}, "arXiv preprint arXiv:hep-th/9901001"),
    ("misc", {"eprint": "2401.17644"}, "arXiv preprint arXiv:2401.17644"),
    ("article", {"journal": "CoRR", "volume": "abs/2003.06307"}, "arXiv preprint arXiv:2003.06307"),
    ("misc", {"url": "https://arxiv.org/abs/2106.09685v3"}, "arXiv preprint arXiv:2106.09685"),
    ("misc", {"url": "https://arxiv.org/pdf/2106.09685.pdf"}, "arXiv preprint arXiv:2106.09685"),
    ("misc", {"doi": "10.48550/arXiv.2106.09685"}, "arXiv preprint arXiv:2106.09685"),
    ("misc", {"number": "arXiv:2506.04695", "publisher": "arXiv"}, "arXiv preprint arXiv:2506.04695"),
    ("misc", {"howpublished": "arXiv preprint arXiv:2303.01778"}, "arXiv preprint arXiv:2303.01778"),
    ("article", {"journal": "bioRxiv"}, "bioRxiv 2024"),
    ("misc", {"publisher": "Cold Spring Harbor Laboratory", "howpublished": "bioRxiv"}, "bioRxiv 2024"),
    ("article", {"journal": "PsyArXiv"}, "PsyArXiv 2024"),
    ("article", {"journal": "medRxiv"}, "medRxiv 2024"),
    ("misc", {"publisher": "SSRN"}, "SSRN 2024"),
    ("article", {"journal": "arXiv"}, "arXiv 2024"),
    ("online", {"pubstate": "prepublished"}, "Preprint 2024"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "fields", "expected"), PREPRINTS)
def test_preprint_venues(entry_type: str, fields: dict[str, str], expected: str) -> None:
    name = fields.get("journal", "")
    pub = make(entry_type, name, 2024, **{k: v for k, v in fields.items() if k != "journal"})
    assert classify(pub, {}).type == "preprint"
    assert venue(pub) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"eprint": "2401.17644", "archiveprefix": "HAL"}, ""),
        ({"eprint": "12345", "eprinttype": "jstor"}, ""),
        ({"journal": "arXiv preprint arXiv:2401.17644"}, "2401.17644"),
        ({"volume": "abs/2003.06307", "journal": "CoRR"}, "2003.06307"),
        ({"note": "arXiv: 1807.04155"}, "1807.04155"),
        ({"url": "https://example.org/2401.17644"}, ""),
    ],
)
def test_arxiv_id(fields: dict[str, str], expected: str) -> None:
    assert arxiv_id(make("misc", "", 2024, **fields)) == expected


# --- short_venue: theses, books, everything else --------------------------------------------

# fmt: off
OTHERS = [
    ("phdthesis", {"school": "Hong Kong Baptist University"}, "PhD thesis, Hong Kong Baptist University 2024"),
    ("mastersthesis", {"school": 'Universit{\\"a}t Stuttgart'}, "Master's thesis, Universität Stuttgart 2024"),
    ("thesis", {"type": "mathesis", "institution": "ETH Z{\\\"u}rich"}, "Master's thesis, ETH Zürich 2024"),
    ("thesis", {"type": "phdthesis", "institution": "MIT"}, "PhD thesis, MIT 2024"),
    ("thesis", {"type": "Doctoral dissertation", "school": "MIT"}, "PhD thesis, MIT 2024"),
    ("thesis", {"type": "Bachelor's thesis", "school": "HUST"}, "Bachelor's thesis, HUST 2024"),
    ("phdthesis", {}, "PhD thesis 2024"),
    ("book", {"publisher": "MIT Press"}, "MIT Press 2024"),
    ("book", {}, ""),
    ("incollection", {"booktitle": "Handbook of Foodborne Diseases", "publisher": "CRC Press"}, "Handbook of Foodborne Diseases, CRC Press 2024"),
    ("misc", {"howpublished": "Kempner Seminar Series, Harvard University"}, "Kempner Seminar Series, Harvard University 2024"),
    ("misc", {"publisher": "Medium"}, "Medium 2024"),
    ("misc", {"howpublished": "\\url{https://www.anthropic.com/news/claudes-constitution}"}, ""),
    ("techreport", {"institution": "Congressional Research Service"}, "Congressional Research Service 2024"),
    ("misc", {}, ""),
    ("article", {"journal": "GitHub"}, "GitHub 2024"),
    ("article", {"journal": "https://openai.com/index/gpt-4-1/"}, ""),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "fields", "expected"), OTHERS)
def test_other_venues(entry_type: str, fields: dict[str, str], expected: str) -> None:
    name = fields.get("journal") or fields.get("booktitle") or ""
    rest = {k: v for k, v in fields.items() if k not in {"journal", "booktitle"}}
    assert venue(make(entry_type, name, 2024, **rest)) == expected


# --- years, user venues, overrides ----------------------------------------------------------

# fmt: off
NO_YEAR = [
    ("inproceedings", "Forty-first International Conference on Machine Learning", "ICML"),
    ("inproceedings", "NeurIPS 2024 Workshop on X", "NeurIPS Workshop"),
    ("article", "Water Research", "Water Research"),
    ("phdthesis", "", "PhD thesis"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "name", "expected"), NO_YEAR)
def test_no_year(entry_type: str, name: str, expected: str) -> None:
    assert venue(make(entry_type, name, None)) == expected


# fmt: off
USER = [
    ("article", "Process Safety and Environmental Protection", {"Process Safety and Environmental Protection": "PSEP"}, "PSEP 2021"),
    ("article", "Process  Safety and\nEnvironmental Protection", {"process safety and environmental protection ": "PSEP"}, "PSEP 2021"),
    # Consulted before the table.
    ("article", "IEEE Transactions on Parallel and Distributed Systems", {"IEEE Transactions on Parallel and Distributed Systems": "TPDS"}, "TPDS 2021"),
    # An abbreviation that already carries the year gets no second one.
    ("inproceedings", "International Workshop on Federated Foundation Models in Conjunction with NeurIPS 2024", {"International Workshop on Federated Foundation Models in Conjunction with NeurIPS 2024": "FL@FM-NeurIPS'21"}, "FL@FM-NeurIPS'21"),
    # Only the whole name matches.
    ("article", "Process Safety and Environmental Protection", {"Process Safety": "PS"}, "Process Safety and Environmental Protection 2021"),
]
# fmt: on


@pytest.mark.parametrize(("entry_type", "name", "user", "expected"), USER)
def test_user_venues(entry_type: str, name: str, user: dict[str, str], expected: str) -> None:
    assert venue(make(entry_type, name, 2021), user) == expected


def test_classify_returns_a_new_record_and_overrides_win() -> None:
    pub = make("inproceedings", "The Twelfth International Conference on Learning Representations")
    done = classify(pub, {})
    assert (done.type, done.venue) == ("conference", "ICLR 2024")
    assert (pub.type, pub.venue) == ("other", "")  # the input is untouched
    forced = classify(replace(pub, type_override="workshop", venue_override="ICLR (Oral)"), {})
    assert (forced.type, forced.venue) == ("workshop", "ICLR (Oral)")
    assert short_venue(pub, "workshop", {}) == "ICLR Workshop 2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Proc. of ICML2023 (PMLR)", "Proc of ICML 2023 PMLR"), ("IJCAI-19", "IJCAI 19"),
     ("Knowledge Discovery & Data Mining", "Knowledge Discovery and Data Mining"),
     ("e-Energy '19", "e Energy 19")],
)  # fmt: skip
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected
