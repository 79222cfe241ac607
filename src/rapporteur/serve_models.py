"""The JSON API's response models: the ``rapporteur/map@1`` shapes, so the server's OpenAPI document
describes what each route returns. Kept apart from the routes (``rapporteur.serve``), which import them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class DocumentOut(BaseModel):
    id: str
    title: str
    source: str
    format: str
    sha256: str
    length: int
    encoding: str = "utf-8"
    text: str | None = None


class ParticipantOut(BaseModel):
    id: str
    name: str
    affiliation: str | None
    aliases: list[str]
    in_roster: bool
    claims: int = Field(0, description="Claims attributed to this participant (held or as an exception).")


class SectionOut(BaseModel):
    start: int
    end: int


class ThemeOut(BaseModel):
    id: str
    document: str
    title: str
    parent: str | None
    start: int
    end: int
    level: int = 1
    section: SectionOut | None = None


class AttributionOut(BaseModel):
    participant: str
    polarity: Literal["holds", "exception"]
    cited_as: str = ""
    marker: SpanOut


class ClaimOut(BaseModel):
    id: str
    document: str
    start: int
    end: int
    text: str
    theme: str | None
    kind: Literal["claim", "question", "qualification", "proposal"]
    attributions: list[AttributionOut]


class RelationOut(BaseModel):
    id: str
    source: str
    target: str
    type: Literal["disagree", "agree", "qualify"]
    cue: SpanOut
    confidence: float


class StanceOut(BaseModel):
    a: str
    b: str
    relation: Literal["disagree", "agree", "qualify"]
    relations: list[str]


class GeneratorOut(BaseModel):
    name: str
    version: str


class MapOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    schema_: str = Field(alias="schema", description="Always rapporteur/map@1.")
    generator: GeneratorOut
    documents: list[DocumentOut]
    participants: list[ParticipantOut]
    themes: list[ThemeOut]
    claims: list[ClaimOut]
    relations: list[RelationOut]
    stances: list[StanceOut]
    notes: list[str] = []


class ClaimsPage(BaseModel):
    total: int = Field(description="Claims matching the filters, before limit and offset.")
    items: list[ClaimOut]


class ParticipantDetail(BaseModel):
    participant: ParticipantOut
    claims: list[ClaimOut]
    stances: list[StanceOut]
