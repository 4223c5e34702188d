"""The /stats chart: accuracy per exam domain as horizontal bars, drawn with Pillow into PNG bytes.

Drawn here rather than with a plotting library: four bars need no more than Pillow, and Pillow's bundled font
makes the image the same on every machine.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from bot.quiz.stats import DomainStat

WIDTH = 720
ROW = 64
MARGIN = 20
BAR_HEIGHT = 22
BACKGROUND = (47, 49, 54)  # Discord's dark theme, so the image does not glare in the embed
TEXT = (220, 221, 222)
MUTED = (142, 146, 151)
TRACK = (64, 68, 75)
# Red below 50%, amber below 75%, green from there: the pass mark sits around 75%.
GOOD, FAIR, POOR = (87, 242, 135), (254, 231, 92), (237, 66, 69)


def bar_colour(accuracy: float) -> tuple[int, int, int]:
    return GOOD if accuracy >= 0.75 else FAIR if accuracy >= 0.5 else POOR


def accuracy_chart(domains: list[DomainStat]) -> bytes:
    """One row per domain: its title and exam weight, a bar of the learner's accuracy, and the counts."""
    title_font = ImageFont.load_default(size=22)
    font = ImageFont.load_default(size=16)
    height = MARGIN * 2 + 36 + ROW * len(domains)
    image = Image.new("RGB", (WIDTH, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), "Accuracy per exam domain", font=title_font, fill=TEXT)
    track_width = WIDTH - 2 * MARGIN - 150
    for index, stat in enumerate(domains):
        top = MARGIN + 36 + index * ROW
        draw.text((MARGIN, top + 4), f"{stat.title} · {stat.weight}% of the exam", font=font, fill=TEXT)
        bar_top = top + 28
        draw.rectangle((MARGIN, bar_top, MARGIN + track_width, bar_top + BAR_HEIGHT), fill=TRACK)
        accuracy = stat.accuracy
        if accuracy is None:
            label = "no answers yet"
        else:
            if accuracy > 0:
                draw.rectangle((MARGIN, bar_top, MARGIN + round(track_width * accuracy), bar_top + BAR_HEIGHT), fill=bar_colour(accuracy))
            label = f"{accuracy:.0%}  ({stat.correct}/{stat.answered})"
        draw.text((MARGIN + track_width + 12, bar_top + 2), label, font=font, fill=TEXT if accuracy is not None else MUTED)
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
