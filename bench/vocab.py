"""Word lists for the synthetic bibliographies: names, title words and venue names.

Venue names are written as Zotero/Better BibTeX exports them. ``KNOWN_*`` names are ones
pubgen's built-in venue table (pubgen/venues.py) recognises (tests/test_bench.py checks
that); ``UNKNOWN_*`` are real venues it does not know, so classify takes its slow path.
"""

# ruff: noqa: RUF001  (Turkish dotless i is a letter of these names)
from __future__ import annotations

# (family, given): every origin a CS/physics lab library shows, accents as typed in Zotero.
FAMILIES = """Wang Zhang Li Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Luo
Tang Shi Chu Gao Liang Song Xie Han Deng Feng Cao Kim Park Lee Choi Jung Suzuki Tanaka
Nakamura Watanabe Sato Gupta Sharma Patel Iyer Reddy Krishnan Banerjee Mukherjee Singh
Smith Johnson Brown Miller Davis Wilson Anderson Taylor Thomas Moore Martin Clark Lewis
Walker Young Allen Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts
Müller Schäfer Schröder Gößling Köhler Weiß Lefèvre Dupré Gonçalves Núñez Pérez Ibáñez
Jiménez Muñoz Rodríguez Sánchez Jørgensen Søndergaard Łukaszewicz Wiśniewski Dvořák
Šimůnek Kovačević Đorđević Öztürk Yılmaz Çelik Åberg Ångström Nyström Lindqvist Hämäläinen
Ivanov Petrov Smirnov Kuznetsov Popescu Nowak Rossi Bianchi Ferrari Esposito Romano
Novák Horváth Papadopoulos Georgiou Cohen Levi Mizrahi Haddad Nasser Okafor Adeyemi
Mensah Silva Santos Oliveira Costa Pereira Almeida Fernandes Nguyen Tran Pham Le""".split()
GIVENS = """Wei Jing Yuxin Zhenheng Xiaowen Shaohuai Junlin Rudan Zichen Amelie~Chi Hao Lei
Yifan Qiang Xin Ming Jun Tao Min-jun Ji-woo Seo-yeon Hiroshi Yuki Takeshi Haruka Aarav
Priya Rahul Ananya Vikram Sneha John Emily Michael Sarah David Jennifer James Jessica
Robert Laura Daniel Rachel Andrew Olivia Thomas Sophie Jürgen Björn Sören Matthäus Zoë
Chloé François Hélène Jérôme Ségolène João Inês Gonçalo María José Ángel Raúl Begoña
Søren Mikkel Łukasz Paweł Małgorzata Jiří Tomáš Zdeněk Mladen Dragana Çağrı Gökhan Ayşe
Åsa Sjöberg Mikko Aino Dmitry Olga Sergei Ioana Krzysztof Giulia Matteo Chiara Lorenzo
Nikos Eleni Yosef Noa Omar Layla Chinedu Ngozi Kwame Ama Thiago Camila Rafael Beatriz
Minh Linh Quang J.~R. A.~K. Jean-Pierre Marie-Claire Hans-Peter Anne-Sophie""".split()
# (particle, family): the "von" parts BibTeX must split before LaTeX is decoded.
PARTICLES = (
    ("van den", "Oord"),
    ("van der", "Berg"),
    ("van", "Dijk"),
    ("de", "Vries"),
    ("de la", "Cruz"),
    ("del", "Río"),
    ("dos", "Santos"),
    ("da", "Silva"),
    ("di", "Caro"),
    ("von", "Lützow"),
    ("ter", "Haar"),
    ("le", "Roux"),
)
# Unicode -> the LaTeX a hand-edited or older export writes for it.
LATEX_ACCENTS = {
    "á": r"{\'a}",
    "à": r"{\`a}",
    "é": r"{\'e}",
    "è": r"{\`e}",
    "í": r"{\'\i}",
    "ó": r"{\'o}",
    "ú": r"{\'u}",
    "ñ": r"{\~n}",
    "ç": r"{\c c}",
    "ä": r"{\"a}",
    "ö": r"{\"o}",
    "ü": r"{\"u}",
    "Ö": r"{\"O}",
    "ß": r"{\ss}",
    "ø": r"{\o}",
    "å": r"{\aa}",
    "Å": r"{\AA}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "ś": r"{\'s}",
    "š": r"{\v s}",
    "Š": r"{\v S}",
    "č": r"{\v c}",
    "ř": r"{\v r}",
    "ů": r"{\r u}",
    "ğ": r"{\u g}",
    "ı": r"{\i}",
    "ë": r"{\"e}",
}

ADJECTIVES = """Efficient Scalable Robust Adaptive Federated Distributed Communication-Efficient
Sparse Low-Rank Decentralized Asynchronous Hierarchical Lightweight Energy-Aware Private
Secure Fault-Tolerant Heterogeneous Elastic Multi-Modal Self-Supervised Contrastive
Generative Probabilistic Bayesian Causal Interpretable Explainable Fair Quantized Pruned
Memory-Efficient Bandwidth-Aware Overlap-Weighted Parameter-Efficient Zero-Shot One-Shot
Few-Shot Continual Online Offline Hybrid Dynamic Temporal Spatial Graph-Based Non-Linear
Approximate Optimal Near-Optimal Provable Differentiable Stochastic Deterministic""".split()
NOUNS = """Learning Training Inference Compression Aggregation Scheduling Optimization
Communication Representation Transformers Networks Models Agents Systems Kernels
Accelerators Pipelines Caching Sharding Partitioning Quantization Distillation Pruning
Retrieval Reasoning Planning Forecasting Segmentation Detection Recognition Translation
Summarization Alignment Benchmarks Datasets Simulation Verification Attention Gradients
Embeddings Diffusion Reservoirs Dynamics Complexity Entropy Synchronization Recordings
Workloads Clusters GPUs Mixture-of-Experts Checkpointing Parallelism Serving Routing""".split()
DOMAINS = """Large Language Models|Edge Devices|Data Centers|Federated Learning|Graph Neural
Networks|Time-Series Analysis|Medical Imaging|Autonomous Driving|Recommender Systems|Mobile
Networks|Scientific Computing|Epileptic Seizure Detection|Speech Recognition|Protein
Folding|Climate Modelling|Point Clouds|Video Understanding|Knowledge Graphs|Code
Generation|Reinforcement Learning|Physical Reservoir Computing|Quantum Circuits""".replace(
    "\n", " "
).split("|")
METHODS = """Gradient Sparsification|Low-Rank Adaptation|Knowledge Distillation|Pipeline
Parallelism|Error Feedback|Random Features|Optimal Transport|Kernel Methods|Message
Passing|Mixed Precision|Tensor Decomposition|Importance Sampling|Curriculum Learning|Model
Merging|Speculative Decoding|Approximate Entropy""".replace("\n", " ").split("|")
ACRONYMS = """GPU LLM BERT GPT CNN RNN LSTM MoE RDMA NVLink CUDA FPGA MPI EEG LoRA SGD ADMM
DNN ViT RAG TPU NLP IoT""".split()
# Math as Better BibTeX writes it into titles; every piece decodes without a warning.
TITLE_MATH = (
    r"$O(n \log n)$",
    r"{$\ell_1$}",
    r"$k$",
    r"{$\epsilon$}",
    r"$\mathcal{O}(1)$",
    r"$\tilde{O}(\sqrt{T})$",
    r"$10^{-3}$",
)
SENTENCE_STARTS = """We propose|In this paper, we study|This work presents|We introduce|Recent
advances in|Existing approaches to|Our results show that|We demonstrate that|Experiments on
several benchmarks show that|We further analyse|Compared with prior work,|To address this
challenge, we design|Extensive evaluation indicates that|Moreover,|Finally,""".replace(
    "\n", " "
).split("|")
ABSTRACT_WORDS = """the model system method approach training data performance accuracy
throughput latency memory communication overhead baseline state-of-the-art convergence
scalability efficiency robustness gradient parameters clients servers workers nodes
network bandwidth compression ratio speedup cost energy distribution heterogeneity
privacy guarantees theoretical analysis empirical evaluation real-world tasks large-scale
experiments significantly reduces improves achieves outperforms maintains requires
without while across under various settings compared with up to by of in for and on
to a an that this which our these their both each new simple effective novel""".split()
KEYWORDS = (
    "Computer Science - Machine Learning",
    "Computer Science - Distributed, Parallel, and Cluster Computing",
    "Computer Science - Artificial Intelligence",
    "Computer Science - Computation and Language",
    "Computer Science - Computer Vision and Pattern Recognition",
    "Computer Science - Networking and Internet Architecture",
    "Statistics - Machine Learning",
    "Mathematics - Optimization and Control",
    "Quantum Physics",
    "federated learning",
    "GPU",
    "benchmark",
    "_tablet",
    "/unread",
)
ARXIV_CLASSES = ("cs.LG", "cs.DC", "cs.AI", "cs.CL", "cs.CV", "cs.NI", "stat.ML", "math.OC")

# Booktitles pubgen's table knows ({n} is an ordinal the generator fills in).
KNOWN_BOOKTITLES = (
    "Advances in Neural Information Processing Systems",
    "Proceedings of the {n} International Conference on Machine Learning",
    "The Twelfth International Conference on Learning Representations",
    "Proceedings of the AAAI Conference on Artificial Intelligence",
    "Proceedings of the {n} International Joint Conference on Artificial Intelligence",
    "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    "Proceedings of the IEEE/CVF International Conference on Computer Vision",
    "Computer Vision -- ECCV 2022",
    "Proceedings of the {n} Annual Meeting of the Association for Computational Linguistics",
    "Findings of the Association for Computational Linguistics: EMNLP 2023",
    "Proceedings of the 2024 Conference on Empirical Methods in Natural Language Processing",
    "Proceedings of the {n} ACM SIGKDD Conference on Knowledge Discovery and Data Mining",
    "Proceedings of the ACM Web Conference 2024",
    "Proceedings of the {n} International ACM SIGIR Conference on Research and Development "
    "in Information Retrieval",
    "Proceedings of the 2023 ACM SIGMOD International Conference on Management of Data",
    "2024 IEEE 40th International Conference on Data Engineering (ICDE)",
    "{n} USENIX Symposium on Operating Systems Design and Implementation (OSDI 24)",
    "Proceedings of the {n} Symposium on Operating Systems Principles",
    "{n} USENIX Symposium on Networked Systems Design and Implementation (NSDI 23)",
    "Proceedings of the Nineteenth European Conference on Computer Systems",
    "2023 USENIX Annual Technical Conference (USENIX ATC 23)",
    "Proceedings of the {n} ACM International Conference on Architectural Support for "
    "Programming Languages and Operating Systems, Volume 2",
    "Proceedings of the {n} Annual International Symposium on Computer Architecture",
    "SC24: International Conference for High Performance Computing, Networking, Storage "
    "and Analysis",
    "Proceedings of the {n} ACM SIGPLAN Annual Symposium on Principles and Practice of "
    "Parallel Programming",
    "Proceedings of the {n} International Symposium on High-Performance Parallel and "
    "Distributed Computing",
    "Proceedings of the {n} International Conference on Parallel Processing",
    "2023 IEEE International Parallel and Distributed Processing Symposium (IPDPS)",
    "2023 IEEE 43rd International Conference on Distributed Computing Systems (ICDCS)",
    "IEEE INFOCOM 2023 - IEEE Conference on Computer Communications",
    "Proceedings of the ACM SIGCOMM 2024 Conference",
    "Proceedings of the {n} Annual International Conference on Mobile Computing and Networking",
    "Proceedings of the 2023 ACM SIGSAC Conference on Computer and Communications Security",
    "Proceedings of the 2024 CHI Conference on Human Factors in Computing Systems",
    "2024 IEEE International Conference on Robotics and Automation (ICRA)",
    "Proceedings of The {n} Conference on Robot Learning",
    "Proceedings of the {n} International Conference on Artificial Intelligence and Statistics",
    "Proceedings of the 2023 ACM/IEEE {n} International Symposium on Quality of Service (IWQoS)",
    "ICASSP 2024 - 2024 IEEE International Conference on Acoustics, Speech and Signal "
    "Processing (ICASSP)",
    "Medical Image Computing and Computer Assisted Intervention -- MICCAI 2023",
)
KNOWN_JOURNALS = (
    "IEEE Transactions on Parallel and Distributed Systems",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    "IEEE Transactions on Neural Networks and Learning Systems",
    "IEEE Transactions on Knowledge and Data Engineering",
    "IEEE Transactions on Mobile Computing",
    "IEEE Journal on Selected Areas in Communications",
    "IEEE Transactions on Cloud Computing",
    "IEEE Internet of Things Journal",
    "Journal of Machine Learning Research",
    "Transactions on Machine Learning Research",
    "International Journal of Computer Vision",
    "ACM Computing Surveys",
    "ACM Transactions on Graphics",
    "Nature Machine Intelligence",
    "Nature",
    "Proceedings of the National Academy of Sciences",
    "Journal of Artificial Intelligence Research",
    "Neural Networks",
    "Pattern Recognition",
    "Journal of Parallel and Distributed Computing",
    "Transactions of the Association for Computational Linguistics",
    "Proceedings of the VLDB Endowment",
)
UNKNOWN_BOOKTITLES = (
    "2007 29th {{Annual International Conference}} of the {{IEEE Engineering}} in "
    "{{Medicine}} and {{Biology Society}}",
    "Proceedings of the {n} International Workshop on Edge Systems, Analytics and Networking",
    "2022 International Conference on Computational Science and Computational Intelligence (CSCI)",
    "Proceedings of the 2023 {n} International Conference on Intelligent Computing and "
    "Its Emerging Applications",
    "2021 IEEE Symposium Series on Computational Intelligence (SSCI)",
    "Proceedings of the {n} Asia-Pacific Workshop on Networking",
    "2024 {n} International Conference on Computer Communications and Networks (ICCCN)",
    "Proceedings of the {n} Workshop on Distributed Infrastructure for Common Good",
)
# Workshops held at a table venue: classify must see "Workshop" before the host's name.
WORKSHOP_BOOKTITLES = (
    "Workshop on Federated Learning: Recent Advances and New Challenges (in Conjunction "
    "with NeurIPS 2022)",
    "ICLR 2024 Workshop on Large Language Model (LLM) Agents",
    "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition "
    "(CVPR) Workshops",
    "Euro-Par 2023: Parallel Processing Workshops",
)
UNKNOWN_JOURNALS = (
    "Scientific Reports",
    "Reviews of Modern Physics",
    "IEEE Transactions on Biomedical Engineering",
    "Journal of Physics: Conference Series",
    "Future Generation Computer Systems",
    "Process Safety and Environmental Protection",
    "Frontiers in Neuroscience",
    "Physical Review E",
    "Neurocomputing",
    "Knowledge-Based Systems",
    "Concurrency and Computation: Practice and Experience",
    "Chaos: An Interdisciplinary Journal of Nonlinear Science",
)
PUBLISHERS = ("IEEE", "ACM", "Springer Nature Switzerland", "PMLR", "Curran Associates, Inc.")
PUBLISHER_PLACES = ("New York, NY, USA", "Cham", "Piscataway, NJ", "Red Hook, NY, USA")
SCHOOLS = ("The Hong Kong University of Science and Technology", 'ETH Z{\\"u}rich', "MIT")
ORDINALS = ("29th", "30th", "31st", "32nd", "33rd", "37th", "39th", "40th", "41st", "53rd")
SYSTEM_HEADS = ("Fuse", "Dream", "Fed", "Sparse", "Flash", "Mega", "Nano", "Hyper", "Deep")
SYSTEM_TAILS = ("FL", "DDP", "Net", "Serve", "Train", "Mix", "Scale", "MoE", "Cache")
