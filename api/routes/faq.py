"""/api/v1/faq and /api/v1/faq-suggestions: public FAQ answers, in a language, as in force on
a day, and the closest topics when the assistant is unsure."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from api.deps import FaqDep, TodayDep
from api.schemas.faq import FaqAnswerOut, FaqSuggestionsOut, FaqTopicOut
from api.services.faq.answers import render_answer, render_suggestions, topic_out
from vocabulary.languages import Language

router = APIRouter(tags=["faq"])

LanguageQuery = Annotated[Language, Query(description="Language of the answer")]


@router.get("/faq", response_model=list[FaqTopicOut])
def list_topics(faq: FaqDep, language: LanguageQuery = "fi") -> list[FaqTopicOut]:
    return [topic_out(topic, language) for topic in faq.values()]


@router.get("/faq/{topic}", response_model=FaqAnswerOut)
def get_answer(
    topic: str,
    faq: FaqDep,
    today: TodayDep,
    language: LanguageQuery = "fi",
    on: Annotated[
        date | None, Query(description="The day the rule applies (default: today)")
    ] = None,
) -> FaqAnswerOut:
    if topic not in faq:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such topic")
    answer = render_answer(faq[topic], faq, language, on or today)
    if answer is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no rule in force on that day")
    return answer


@router.get("/faq-suggestions", response_model=FaqSuggestionsOut)
def suggest(
    faq: FaqDep,
    topics: Annotated[list[str], Query(description="Candidate topics, closest first")],
    language: LanguageQuery = "fi",
) -> FaqSuggestionsOut:
    return render_suggestions(topics, faq, language)
