"""A pasted exam question: taken apart, answered with what it tests, its options' look-alikes told apart."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.app import ask as ask_module
from bot.app.ask import Answer, Asker, Comparison, NotSure, QuestionTests
from bot.console.render import render_ask
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import OPTION_LETTERS, Question
from bot.matching import matcher
from bot.matching.pasted import parse_pasted

REPO = Path(__file__).resolve().parents[2]
DEV_STEMS = REPO / ".." / "shared" / "eval" / "exam-stems-dev.yaml"
# The dev stems reached 0.74 top-1 and 0.88 top-3 (BM25 over the same deck text: 0.56 / 0.72); the floors keep that.
MIN_TOP1 = 0.70
MIN_TOP3 = 0.86
# The second development set: each deck's own authored prompts, right when the first entry the question tests comes
# first (top-1) or any entry it tests is in the top 3. MLS-C01 reached 0.722 / 0.949, MLA-C01 0.730 / 0.964.
AUTHORED_FLOORS = {"mls-c01": (0.715, 0.94), "mla-c01": (0.72, 0.955)}
# The independent stem sets (in the repo, so these run in CI as well); nothing was tuned to them. The first reached
# 0.571 / 0.794, the second (collected later, from other sources) 0.78 / 0.94, the third (later still, from yet other
# sources; BM25 0.19 / 0.44) 0.375 / 0.594.
INDEPENDENT_FLOORS = {
    REPO / "benchmarks" / "eval" / "exam-stems-independent.yaml": (0.52, 0.77),
    REPO / "benchmarks" / "eval" / "exam-stems-independent-2.yaml": (0.76, 0.92),
    REPO / "benchmarks" / "eval" / "exam-stems-independent-3.yaml": (0.31, 0.56),
}
# Sets a helper wrote from each deck's authored questions in the two forms the public dev stems take (benchmarks/eval/):
# one-sentence statements of need, and stems shortened to two or three sentences. The statements, read as pasted
# questions, reached MLS-C01 0.729 / 0.80 and MLA-C01 0.70 / 0.80 (as short queries, 0.586 / 0.786 and 0.586 /
# 0.771); the shortened stems 0.686 / 0.871 and 0.80 / 0.914.
WRITTEN_FORMS_FLOORS = {
    ("need-statements", "mls-c01"): (0.71, 0.78),
    ("need-statements", "mla-c01"): (0.68, 0.78),
    ("shortened-stems", "mls-c01"): (0.67, 0.85),
    ("shortened-stems", "mla-c01"): (0.78, 0.89),
}
# Authored single-answer questions pasted with their options: the entry each tests came first for 0.783 (MLS-C01, 202 of
# 258; 201 once XGBoost's CSV-inference and sharding facts shifted word rarities enough to flip a Firehose-vs-Kinesis
# question that shares no word with them, so the floor sits one stem under) and 0.752 (MLA-C01, 106 of 141; 108 before
# a second reading corrected the deck's facts: one question's K-Means distractor came to outrank the concept it tests,
# and the auto-scaling entry's exact cooldown rules now outrank Service Quotas in a quota question whose other options
# are all about scaling); before the options' own words counted, 0.760 / 0.766; when an option stood only for the first
# entry it named, 0.736 / 0.723.
WITH_OPTIONS_FLOORS = {"mls-c01": 0.775, "mla-c01": 0.75}

STREAMING = (
    "A company streams clickstream JSON from its website and must land it in Amazon S3 as Apache Parquet for Athena "
    "queries. The team does not want to manage servers. Which solution meets these requirements with the LEAST "
    "operational overhead?"
)
OPTIONS = (
    "A. Amazon Data Firehose with record format conversion\nB. Amazon Kinesis Data Streams with a consumer on EC2\n"
    "C. An AWS Glue streaming ETL job\nD. An Amazon EMR cluster running Spark Streaming"
)


@pytest.fixture(scope="module")
def kb(deck: KnowledgeBase) -> KnowledgeBase:
    return deck


@pytest.fixture(scope="module")
def asker(shipped_asker: Asker) -> Asker:
    return shipped_asker


def test_a_pasted_question_is_taken_apart() -> None:
    question = parse_pasted(f"{STREAMING}\n{OPTIONS}")
    assert question is not None
    assert question.ask.startswith("Which solution meets these requirements")
    assert question.setup.startswith("A company streams clickstream JSON")
    assert [letter for letter, _ in question.options] == ["A", "B", "C", "D"]
    assert question.options[3] == ("D", "An Amazon EMR cluster running Spark Streaming")
    assert any("LEAST operational overhead" in text for text in question.requirements)
    assert any("does not want to manage servers" in text for text in question.requirements)


def test_options_on_one_line_are_found_too() -> None:
    question = parse_pasted(f"{STREAMING} {OPTIONS.replace(chr(10), ' ')}")
    assert question is not None and len(question.options) == 4 and question.ask.endswith("overhead?")


@pytest.mark.parametrize("how_many", ["(Choose two)", "(Select TWO.)", "Choose 2 answers."])
def test_how_many_to_pick_is_not_the_question(how_many: str) -> None:
    question = parse_pasted(f"{STREAMING} {how_many}")
    assert question is not None and question.ask.endswith("operational overhead?") and how_many not in question.setup


@pytest.mark.parametrize(
    ("ask", "kind"),
    [
        ("Which algorithm should the Specialist use?", "algorithm"),
        ("Which metric should the team monitor?", "metric"),
        ("Which technique will improve the model?", "concept"),
        ("Which AWS service should the team use?", "service"),
        ("What should the team do?", None),
    ],
)
def test_the_question_sentence_says_what_kind_of_answer_is_wanted(ask: str, kind: str | None) -> None:
    question = parse_pasted(f"A retailer has two years of daily sales for 3,000 stores and wants better predictions. {ask}")
    assert question is not None and question.wants == kind


@pytest.mark.parametrize(
    ("ask", "framing"),
    [
        ("How should the data scientist frame this business problem?", True),
        ("How should the problem be framed?", True),
        ("What type of machine learning model should be used?", True),
        ("Which machine learning model type should the team use?", True),
        ("What type of supervised learning problem is this?", True),
        ("Which machine-learning approach should the team take?", True),
        ("Which algorithm should the Specialist use?", False),
        ("Which framework should the team use within this time frame?", False),
        ("Which type of model monitoring should the team set up?", False),
        ("Which modeling technique will reduce overfitting?", False),
    ],
)
def test_the_question_sentence_says_whether_it_asks_how_to_frame_the_problem(ask: str, framing: bool) -> None:
    question = parse_pasted(f"A retailer has two years of daily sales for 3,000 stores and wants better predictions. {ask}")
    assert question is not None and question.framing == framing
    assert question.wants == "concept" or not framing  # a problem type is a concept


@pytest.mark.parametrize("short", ["which service turns speech into text?", "kinesis vs firehose", "pick a forecasting algorithm"])
def test_a_short_question_is_not_a_pasted_one(short: str) -> None:
    assert parse_pasted(short) is None


def test_a_pasted_question_gets_what_it_tests_with_the_options_told_apart(asker: Asker) -> None:
    result = asker.ask(f"{STREAMING}\n{OPTIONS}")
    tests = result.outcome
    assert isinstance(tests, QuestionTests)
    assert tests.likely[0].id == "data-firehose"
    assert dict(tests.options) == {"A": "Amazon Data Firehose", "B": "Amazon Kinesis Data Streams", "C": "AWS Glue", "D": "Amazon EMR"}
    assert any("Firehose" in line and "Data Streams" in line for line in tests.differences)
    assert {ranked.id for ranked in result.ranking} <= {"data-firehose", "kinesis-data-streams", "glue", "emr"}
    text = render_ask(result)
    assert "What this question tests" in text and "The options name: A) Amazon Data Firehose" in text


def test_an_option_that_names_its_context_first_still_stands_for_what_it_is_about(asker: Asker) -> None:
    stem = (
        "A company's data scientists train models on SageMaker notebook instances. Security requires that the notebooks have no "
        "internet access and that all traffic to Amazon S3 stays on the AWS network. Which solution meets these requirements?"
    )
    options = "A. Attach a NAT gateway\nB. Create an S3 VPC gateway endpoint\nC. Use AWS Direct Connect\nD. Enable S3 Transfer Acceleration"
    tests = asker.ask(f"{stem}\n{options}").outcome
    assert isinstance(tests, QuestionTests)
    assert tests.likely[0].id == "vpc-endpoints"
    assert dict(tests.options)["B"] == "VPC endpoints"


def test_an_option_that_names_nothing_stands_for_what_it_describes_but_is_not_shown_as_named(asker: Asker) -> None:
    stem = (
        "A team trains a deep neural network to classify X-ray images. Training accuracy is 99%, but accuracy on a held-out "
        "test set is only 60%. What should the team do to improve the model on new images?"
    )
    options = [
        "A. Add more hidden layers",
        "B. Randomly switch off neurons during training",
        "C. Train for more epochs",
        "D. Use a larger batch size",
    ]
    result = asker.ask("\n".join([stem, *options]))
    assert isinstance(result.outcome, QuestionTests)
    assert result.ranking[0].id == "dropout"
    assert dict(result.outcome.options) == {"D": "Batch size"}


def test_the_options_own_words_favour_the_option_the_stem_describes(asker: Asker, monkeypatch: pytest.MonkeyPatch) -> None:
    stem = (
        "An ML engineer runs a hyperparameter tuning job of 50 training jobs. Most later jobs barely improve the objective "
        "metric, and the engineer wants the tuning job itself to stop launching jobs once the best objective stops improving. "
        "What should the engineer configure?"
    )
    options = [
        "A. Early stopping of individual training jobs",
        "B. A completion criterion on the tuning job that stops it when the objective no longer improves",
        "C. A smaller learning rate",
        "D. Random search instead of Bayesian optimization",
    ]
    pasted = "\n".join([stem, *options])
    assert asker.ask(pasted).ranking[0].id == "sagemaker-automatic-model-tuning"
    monkeypatch.setattr(matcher, "OPTION_WEIGHT", 0.0)
    assert asker.ask(pasted).ranking[0].id == "early-stopping"


def test_a_stem_too_vague_to_call_still_gets_its_options_told_apart(asker: Asker, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ask_module, "PASTED_SURE", 1.0)  # no stem explains enough of itself
    tests = asker.ask(f"{STREAMING}\n{OPTIONS}").outcome
    assert isinstance(tests, QuestionTests) and tests.close
    assert any("Firehose" in line and "Data Streams" in line for line in tests.differences)
    assert isinstance(asker.ask(STREAMING).outcome, NotSure)


def test_a_close_call_on_a_stem_alone_asks_for_the_options_and_the_options_settle_it(asker: Asker) -> None:
    stem = (
        "A custom PyTorch training job uses File input mode to read a 900 GB image dataset from Amazon S3 on one GPU instance. "
        "The job fails while downloading with a 'No space left on device' error, and the script reads ordinary files. "
        "Which change lets training start without copying the whole dataset first?"
    )
    alone = asker.ask(stem)
    assert isinstance(alone.outcome, QuestionTests) and alone.outcome.close
    assert alone.outcome.tip and "options" in render_ask(alone).splitlines()[-1]
    options = ["A. Switch the channel to FastFile mode", "B. Attach a larger EBS volume", "C. Use Pipe mode", "D. Use a bigger instance"]
    settled = asker.ask("\n".join([stem, *options]))
    assert isinstance(settled.outcome, QuestionTests) and not settled.outcome.tip
    assert settled.ranking[0].id == "fastfile-mode"


def test_what_decides_starts_with_the_likeliest_pair_whatever_the_option_order(asker: Asker) -> None:
    reversed_options = "\n".join(f"{letter}. {line[3:]}" for letter, line in zip("ABCD", reversed(OPTIONS.splitlines()), strict=True))
    tests = asker.ask(f"{STREAMING}\n{reversed_options}").outcome
    assert isinstance(tests, QuestionTests)
    assert tests.likely[0].id == "data-firehose"
    assert "Firehose" in tests.differences[0]
    assert not any("Firehose" in line for line in tests.differences[2:])


def test_without_options_the_likely_entries_come_from_the_stem(asker: Asker) -> None:
    result = asker.ask(STREAMING)
    assert isinstance(result.outcome, QuestionTests)
    assert "data-firehose" in [card.id for card in result.outcome.likely]
    assert result.outcome.options == []


CLAIMS = (
    "An insurer has five years of monthly claim counts for each of its 40 regional offices and must predict next "
    "quarter's claims for every office, month by month, to plan staffing."
)


def test_a_problem_type_is_the_answer_only_when_the_question_asks_how_to_frame_the_problem(asker: Asker) -> None:
    assert asker.ask(f"{CLAIMS} How should the data scientist frame this problem?").ranking[0].id == "time-series-forecasting"
    solved = [ranked.id for ranked in asker.ask(f"{CLAIMS} What should the data scientist do?").ranking]
    assert solved[0] != "time-series-forecasting" and {"forecast", "deepar"} <= set(solved)


def test_a_setup_that_compares_things_is_not_a_comparison_query(asker: Asker) -> None:
    setup = (
        "A retailer stores photos of its staff in Amazon S3 and wants to compare faces in the video from its store "
        "cameras with those photos, compared with the manual checks it does today. "
    )
    assert isinstance(asker.ask(f"{setup}Which AWS service should it use?").outcome, QuestionTests)
    asked = asker.ask(f"{setup}What is the difference between Amazon Rekognition and Amazon Textract?")
    assert isinstance(asked.outcome, Comparison)
    assert {ranked.id for ranked in asked.ranking} == {"rekognition", "textract"}


def test_short_questions_keep_their_single_answer(asker: Asker) -> None:
    assert isinstance(asker.ask("which service turns speech into text?").outcome, Answer)


NEED = (
    "Land our website's clickstream JSON in Amazon S3 as Apache Parquet for Athena queries, without managing any "
    "servers and with the LEAST operational overhead."
)


def test_a_long_statement_of_need_is_matched_like_a_pasted_question_but_is_not_an_exam_question() -> None:
    question = parse_pasted(NEED)
    assert question is not None and not question.exam
    assert question.ask == NEED and question.setup == ""
    assert question.requirements == ["without managing any servers and with the LEAST operational overhead"]
    asked = parse_pasted(f"{NEED} Which solution meets these requirements?")
    assert asked is not None and asked.exam


def test_a_learners_own_long_question_is_not_taken_for_an_exam_question(asker: Asker) -> None:
    own = "Which AWS service should I use to transcribe recorded support calls and then find out how each customer felt?"
    question = parse_pasted(own)
    assert question is not None and not question.exam and question.ask == own
    assert render_ask(asker.ask(own)).startswith("What this most likely calls for")


def test_a_statement_of_need_is_told_what_it_calls_for(asker: Asker) -> None:
    result = asker.ask(NEED)
    assert isinstance(result.outcome, QuestionTests) and not result.outcome.exam
    assert "data-firehose" in [card.id for card in result.outcome.likely]
    text = render_ask(result)
    assert text.startswith("What this most likely calls for") and "question" not in text.splitlines()[0]


REPLAY = (
    "A game studio collects player events and must be able to replay the last day of records when a consumer fails. "
    "Which service should it use?"
)


def test_options_that_set_a_trap_the_stem_points_to_get_a_warning(asker: Asker) -> None:
    result = asker.ask(f"{REPLAY}\nA. Amazon Data Firehose\nB. Amazon Kinesis Data Streams")
    assert isinstance(result.outcome, QuestionTests)
    trap = result.outcome.trap
    assert trap is not None and trap.name == "Trap: Kinesis Data Streams vs Firehose"
    assert f"The trap in these options:\n  - {trap.name}. {trap.truth[:40]}" in render_ask(result)


@pytest.mark.parametrize("options", ["\nA. Amazon Polly\nB. Amazon Transcribe", ""])
def test_no_warning_when_the_options_set_no_trap_or_there_are_none(asker: Asker, options: str) -> None:
    # without options the trap is among what the question tests, shown in full
    result = asker.ask(REPLAY + options)
    assert isinstance(result.outcome, QuestionTests) and result.outcome.trap is None
    assert "The trap in these options" not in render_ask(result)


@pytest.mark.parametrize("exam", ["mls-c01", "mla-c01"])
def test_a_rare_class_metric_question_warns_of_the_accuracy_trap(exam: str, request: pytest.FixtureRequest) -> None:
    _, asker = _shipped(exam, request)
    result = asker.ask(
        "A payments company's new fraud model is 99.7% accurate on a test set in which 0.3% of transactions are fraud, yet "
        "it misses most of the fraud. Which metric should the team use to compare candidate models?\n"
        "A. Accuracy\nB. Recall\nC. Root mean squared error\nD. R-squared"
    )
    assert isinstance(result.outcome, QuestionTests) and result.outcome.trap is not None
    assert result.outcome.trap.name == "Trap: higher accuracy always means a better model"


def _stems_accuracy(kb: KnowledgeBase, asker: Asker, path: Path) -> tuple[float, float]:
    """Top-1 and top-3 over a stems file (q, expect: deck names, any of which is right)."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    top1 = top3 = 0
    for item in items:
        accepted = {answer.casefold() for answer in item["expect"]}
        found = [bool({name.casefold() for name in kb.entries[ranked.id].names} & accepted) for ranked in asker.ask(item["q"], 3).ranking]
        top1 += bool(found) and found[0]
        top3 += any(found)
    return top1 / len(items), top3 / len(items)


@pytest.mark.skipif(not DEV_STEMS.is_file(), reason=f"dev stems not found at {DEV_STEMS} (shared/ sits beside the repo)")
def test_dev_stems_accuracy(kb: KnowledgeBase, asker: Asker) -> None:
    top1, top3 = _stems_accuracy(kb, asker, DEV_STEMS)
    assert top1 >= MIN_TOP1 and top3 >= MIN_TOP3, (top1, top3)


@pytest.mark.parametrize("path", sorted(INDEPENDENT_FLOORS), ids=lambda path: path.stem)
def test_independent_stems_accuracy(kb: KnowledgeBase, asker: Asker, path: Path) -> None:
    top1, top3 = _stems_accuracy(kb, asker, path)
    assert top1 >= INDEPENDENT_FLOORS[path][0] and top3 >= INDEPENDENT_FLOORS[path][1], (top1, top3)


@pytest.mark.parametrize("path", sorted(INDEPENDENT_FLOORS), ids=lambda path: path.stem)
def test_independent_stems_name_entries(kb: KnowledgeBase, path: Path) -> None:
    names = {name.casefold() for entry in kb.entries.values() for name in entry.names}
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [item["q"][:60] for item in items if not {answer.casefold() for answer in item["expect"]} <= names] == []


@pytest.mark.parametrize(("form", "exam"), sorted(WRITTEN_FORMS_FLOORS))
def test_written_forms_accuracy(form: str, exam: str, request: pytest.FixtureRequest) -> None:
    kb, asker = _shipped(exam, request)
    top1, top3 = _stems_accuracy(kb, asker, REPO / "benchmarks" / "eval" / f"{form}-{exam}.yaml")
    assert top1 >= WRITTEN_FORMS_FLOORS[form, exam][0] and top3 >= WRITTEN_FORMS_FLOORS[form, exam][1], (top1, top3)


def _shipped(exam: str, request: pytest.FixtureRequest) -> tuple[KnowledgeBase, Asker]:
    """The shipped deck of `exam` and its asker, from the session's fixtures."""
    shipped = request.getfixturevalue("shipped" if exam == "mls-c01" else "shipped_mla")
    return shipped.kb, shipped.asker()


@pytest.mark.parametrize("exam", sorted(AUTHORED_FLOORS))
def test_authored_stems_accuracy(exam: str, request: pytest.FixtureRequest) -> None:
    kb, asker = _shipped(exam, request)
    top1 = top3 = 0
    for question in kb.questions.values():
        found = [ranked.id for ranked in asker.ask(question.prompt, 3).ranking]
        top1 += bool(found) and found[0] == question.tests[0]
        top3 += bool(set(found) & set(question.tests))
    min_top1, min_top3 = AUTHORED_FLOORS[exam]
    assert top1 / len(kb.questions) >= min_top1 and top3 / len(kb.questions) >= min_top3, (top1, top3)


@pytest.mark.parametrize("exam", sorted(WITH_OPTIONS_FLOORS))
def test_pasted_options_lead_to_what_the_question_tests(exam: str, request: pytest.FixtureRequest) -> None:
    kb, asker = _shipped(exam, request)
    right = counted = 0
    for question in kb.questions.values():
        if not isinstance(question, Question) or len(question.answer) != 1:
            continue
        options = [f"{letter}. {text}" for letter, text in zip(OPTION_LETTERS, question.choices, strict=False)]
        pasted = "\n".join([question.prompt, *options])
        assert parse_pasted(pasted) is not None
        counted += 1
        ranking = asker.ask(pasted, 1).ranking
        right += bool(ranking) and ranking[0].id == question.tests[0]
    assert counted > 100 and right / counted >= WITH_OPTIONS_FLOORS[exam], (right, counted)
