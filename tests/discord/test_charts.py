"""The /stats chart is a valid PNG whose bars show each domain's accuracy in the colour of its band."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from bot.discord.charts import BACKGROUND, FAIR, GOOD, MARGIN, POOR, ROW, TRACK, WIDTH, accuracy_chart, bar_colour
from bot.knowledge.models import Domain
from bot.quiz.stats import DomainStat


def domain(kind: Domain, answered: int, correct: int) -> DomainStat:
    return DomainStat(kind, kind.replace("-", " ").capitalize(), 25, answered, correct)


def bar_pixel(image: Image.Image, row: int, share: float) -> tuple[int, int, int]:
    """The colour `share` of the way along row `row`'s bar."""
    track = WIDTH - 2 * MARGIN - 150
    return image.getpixel((MARGIN + int(track * share), MARGIN + 36 + row * ROW + 28 + 10))  # type: ignore[return-value]


def test_the_chart_is_a_png_with_one_bar_per_domain() -> None:
    stats = [
        domain("data-engineering", 10, 9),
        domain("exploratory-data-analysis", 0, 0),
        domain("modeling", 10, 6),
        domain("ml-implementation-operations", 4, 1),
    ]
    png = accuracy_chart(stats)
    image = Image.open(BytesIO(png))
    image.verify()
    image = Image.open(BytesIO(png))
    assert image.format == "PNG" and image.size == (WIDTH, MARGIN * 2 + 36 + ROW * 4)
    assert bar_pixel(image, 0, 0.85) == GOOD and bar_pixel(image, 0, 0.95) == TRACK
    assert bar_pixel(image, 1, 0.01) == TRACK  # no answers: an empty track, not a 0% bar
    assert bar_pixel(image, 2, 0.55) == FAIR and bar_pixel(image, 2, 0.65) == TRACK
    assert bar_pixel(image, 3, 0.2) == POOR and bar_pixel(image, 3, 0.3) == TRACK
    assert image.getpixel((WIDTH - 2, 2)) == BACKGROUND


def test_bands_follow_the_pass_mark() -> None:
    assert [bar_colour(share) for share in (0.0, 0.49, 0.5, 0.74, 0.75, 1.0)] == [POOR, POOR, FAIR, FAIR, GOOD, GOOD]
