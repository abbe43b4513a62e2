"""The normalized procedure record that the rest of Motcua reads.

Both sources (the portal's structured JSON and the flattened crawl) are mapped onto these models by
the importers in this package. A value that a source does not give, or that a parser cannot recover
with certainty, is ``None`` (unknown) — never a guess.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Channel(StrEnum):
    """How a dossier is submitted."""

    DIRECT = "direct"  # Trực tiếp: at the one-stop desk
    ONLINE = "online"  # Trực tuyến: on the public service portal
    POSTAL = "postal"  # Dịch vụ bưu chính: by public postal service


class TimeUnit(StrEnum):
    WORKING_DAY = "working_day"
    DAY = "day"
    HOUR = "hour"
    MONTH = "month"
    YEAR = "year"


class FeeKind(StrEnum):
    FEE = "fee"  # lệ phí / phí
    FREE = "free"  # Miễn phí / Không thu


class Source(StrEnum):
    PORTAL_JSON = "portal-json"
    CRAWL = "crawl-2026"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProcessingTime(_Model):
    """A processing time: ``value`` in ``unit``; both None when the source does not state it."""

    value: float | None = None
    unit: TimeUnit | None = None
    text: str = ""  # as published, when there is extra wording ("15 ngày kể từ ...")


class Fee(_Model):
    kind: FeeKind = FeeKind.FEE
    amount_vnd: int | None = None  # None: the fee exists but its amount is not stated as a number
    description: str = ""


class SubmissionChannel(_Model):
    channel: Channel
    time: ProcessingTime = ProcessingTime()
    fees: tuple[Fee, ...] = ()
    description: str = ""


class FormTemplate(_Model):
    """A form attached to a required document, e.g. code ``TK01`` with its template file name."""

    code: str | None = None
    file_name: str


class RequiredDocument(_Model):
    name: str
    originals: int | None = None  # bản chính
    copies: int | None = None  # bản sao
    forms: tuple[FormTemplate, ...] = ()
    case: str = ""  # the execution case it belongs to, when a procedure has several


class LegalBasis(_Model):
    code: str  # e.g. "31/2023/TT-BCA"
    title: str = ""


class Agencies(_Model):
    executing: tuple[str, ...] = ()  # cơ quan thực hiện
    authority: tuple[str, ...] = ()  # cơ quan có thẩm quyền
    receiving_address: str = ""  # địa chỉ tiếp nhận hồ sơ
    coordinating: tuple[str, ...] = ()


class SubCase(_Model):
    code: str
    name: str
    time: ProcessingTime = ProcessingTime()


class Provenance(_Model):
    source: Source
    fetched_url: str = ""
    parsed_fields: tuple[str, ...] = ()  # recovered by a parser from flattened text
    given_fields: tuple[str, ...] = ()  # taken as structured values from the source
    completed_fields: tuple[str, ...] = ()  # missing in a structured record, filled from the crawl


class Procedure(_Model):
    code: str = Field(pattern=r"^\d+\.\d{6}$")
    name: str
    levels: tuple[str, ...] = ()  # "Cấp tỉnh", "Cấp xã", "Cấp bộ"
    field: str = ""  # lĩnh vực
    ministry: str = ""
    applicants: tuple[str, ...] = ()
    agencies: Agencies = Agencies()
    channels: tuple[SubmissionChannel, ...] = ()
    documents: tuple[RequiredDocument, ...] = ()
    steps: tuple[str, ...] = ()
    conditions: str = ""
    results: tuple[str, ...] = ()
    legal_basis: tuple[LegalBasis, ...] = ()
    fully_online: bool | None = None
    topic: str = ""  # the portal's citizen-facing group, e.g. "Hộ chiếu"
    sub_cases: tuple[SubCase, ...] = ()
    url: str = ""
    provenance: Provenance

    def channel(self, channel: Channel) -> SubmissionChannel | None:
        return next((c for c in self.channels if c.channel == channel), None)

    @property
    def form_codes(self) -> tuple[str, ...]:
        """Every form template code the documents name, in order, once each."""
        seen = dict.fromkeys(f.code for d in self.documents for f in d.forms if f.code)
        return tuple(seen)


class Rejection(_Model):
    """A source record kept out of the catalogue, with why."""

    source: Source
    code: str
    reason: str
