"""Finding the document in a photo and warping it flat, against the generator's true corners."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from eval.docgen.generate import generate
from ocr import straighten
from ocr.mrz_reader import read_mrz

TOLERANCE = 0.02  # of the document's diagonal: the card's rounded corners pull a fitted corner inwards
MRZ_IMAGES = Path(__file__).resolve().parents[1] / "data" / "mrz"  # see its README


def corner_error(quad: np.ndarray, corners: list[list[float]]) -> float:
    """The largest distance from a true corner to the found one, as a share of the diagonal (the
    found corners are in photo order, the true ones in the document's, so every turn is tried)."""
    truth = np.array(corners, dtype=float)
    diagonal = np.linalg.norm(truth[0] - truth[2])
    return min(np.linalg.norm(np.roll(quad, k, 0) - truth, axis=1).max() for k in range(4)) / diagonal


@pytest.fixture(scope="session")
def touching_clutter(tmp_path_factory) -> list[dict]:
    """Moderate photos (generator seed 101) where a bright paper or the frame's edge touches the card,
    so the card and the clutter form one bright blob: the first finder took the blob for the card."""
    out = tmp_path_factory.mktemp("clutter")
    kinds = ["cancuoc_2024_back", "cccd_2016_front", "passport"]
    records = generate(out, count=1, seed=101, levels=["moderate"], types=kinds)
    return [{**record, "path": out / record["file"]} for record in records]


def test_card_touching_clutter_is_told_apart_from_it(touching_clutter):
    errors = {
        t["file"]: corner_error(straighten.find_quad(Image.open(t["path"])), t["corners"])
        for t in touching_clutter
    }
    assert max(errors.values()) < TOLERANCE, errors


def test_every_photo_in_the_sample_gives_the_documents_corners(sample):
    photos = [t for t in sample if t["level"] in ("moderate", "hard")]
    errors = {}
    for truth in photos:
        quad = straighten.find_quad(Image.open(truth["path"]))
        errors[truth["file"]] = 1.0 if quad is None else corner_error(quad, truth["corners"])
    assert max(errors.values()) < TOLERANCE, errors


@pytest.mark.parametrize(
    ("image", "mrz_text"),
    [
        # a scan: the pale MRZ strip meets a pale scanner bed, and the outline stopped in its last line
        (
            "passport_strip_cut.jpg",
            "P<VNMLAM<<HONG<GAM<<<<<<<<<<<<<<<<<<<<<<<<<<\nP5507718<4VNM4403182F3001156031144814302<<90",
        ),
        # a photo: the outline followed the MRZ's last line, a few pixels inside the page's edge
        (
            "passport_strip_cut_photo.jpg",
            "P<VNMNGUYEN<<NHAT<MINH<THAM<<<<<<<<<<<<<<<<<\nC1068598<5VNM9009246M2602121040090714459<<76",
        ),
        # a scan cropped to the page: the region above the pale MRZ strip ran along three borders
        (
            "passport_scan_pale_strip.jpg",
            "P<VNMLE<<DIEU<KHUE<<<<<<<<<<<<<<<<<<<<<<<<<<\nC1464592<9VNM7805031F2809193001178449552<<80",
        ),
    ],
)
def test_a_passport_page_is_found_whole_with_its_mrz_strip(image, mrz_text):
    photo = Image.open(MRZ_IMAGES / image).convert("RGB")
    found, _ = read_mrz(straighten.landscape(straighten.straighten(photo)))
    assert found is not None and found.valid and found.text == mrz_text


def test_a_side_settles_on_the_cards_edge_not_on_a_paper_across_the_desk():
    photo = Image.new("RGB", (800, 600), (95, 85, 120))
    draw = ImageDraw.Draw(photo)
    draw.rectangle([120, 416, 680, 470], fill=(232, 232, 228))  # a pale paper 14 px below the card
    draw.rectangle([200, 150, 600, 402], fill=(226, 232, 236))
    for y in range(190, 380, 30):
        draw.rectangle([230, y, 560, y + 10], fill=(40, 40, 40))
    quad = straighten.find_quad(photo)
    assert np.abs(quad - [[200, 150], [600, 150], [600, 402], [200, 402]]).max() <= 3


def test_the_chosen_outline_has_all_four_sides_on_edges(sample):
    truth = next(t for t in sample if t["level"] == "moderate" and t["document_type"] == "passport")
    outlines = straighten.find_outlines(Image.open(truth["path"]))
    assert outlines[0].support >= 0.5
    assert [o.area for o in outlines if o.support >= 0.5] == sorted(
        (o.area for o in outlines if o.support >= 0.5), reverse=True
    )


def test_a_scan_cropped_to_the_document_is_kept_whole(sample):
    """No print inside a clean card (the photo, a passport's MRZ strip) is taken for its outline."""
    for truth in (t for t in sample if t["level"] == "clean"):
        image = Image.open(truth["path"]).convert("RGB")
        assert straighten.find_quad(image) is None, truth["file"]
        page = straighten.straighten(image)
        assert page.width == straighten.WORK_WIDTH
        assert abs(page.width / page.height - image.width / image.height) < 0.01


def test_warp_gives_a_landscape_card_of_its_measured_aspect(sample):
    truth = next(t for t in sample if t["level"] == "hard" and t["document_type"] == "cccd_2021_back")
    photo = Image.open(truth["path"]).convert("RGB")
    page = straighten.landscape(straighten.warp(photo, straighten.find_quad(photo)))
    assert page.width == straighten.WORK_WIDTH
    assert abs(page.width / page.height - straighten.ID1_ASPECT) < 0.06


def test_rotate_turns_clockwise_by_quarters():
    image = Image.new("RGB", (40, 20), "white")
    image.putpixel((0, 0), (255, 0, 0))
    turned = straighten.rotate(image, 90)
    assert turned.size == (20, 40) and turned.getpixel((19, 0)) == (255, 0, 0)
    assert straighten.rotate(image, 360) is image
