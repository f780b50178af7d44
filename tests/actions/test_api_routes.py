from actions.api_routes import FAQ_ANSWER, MEETING_READS, ROUTES, missing, steps


def test_a_field_is_a_path_into_the_json() -> None:
    assert steps("related[].topic") == [("related", True), ("topic", False)]
    assert steps("text") == [("text", False)]


def test_missing_fields_of_a_reply() -> None:
    answer = {"text": "t", "related": [{"topic": "a", "title": "A"}, {"topic": "b"}]}
    assert missing(FAQ_ANSWER.reads, answer) == ["related[].title", "advisor_prompt"]
    assert missing(("related[].topic",), {"related": []}) == []
    assert missing(("related[].topic",), {"related": None}) == ["related[].topic"]
    assert missing(("text",), None) == ["text"]


def test_path_parameters_are_quoted() -> None:
    assert FAQ_ANSWER.url(topic="../users") == "/api/v1/faq/..%2Fusers"


def test_each_route_once() -> None:
    assert len({(route.method, route.path) for route in ROUTES}) == len(ROUTES)
    assert "answer_retention_days" in MEETING_READS
