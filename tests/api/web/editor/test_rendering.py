"""The answer's text as the chat page shows it: web addresses become links, as chat.js does."""

from api.web.editor.rendering import Piece, chat_pieces


def test_addresses_become_links_without_their_trailing_punctuation() -> None:
    assert chat_pieces("Katso https://example.org/a?b=1. Ja (https://x.fi/)!") == [
        Piece("Katso "),
        Piece("https://example.org/a?b=1", link=True),
        Piece(". Ja ("),
        Piece("https://x.fi/", link=True),
        Piece(")!"),
    ]


def test_text_without_addresses_is_one_piece() -> None:
    assert chat_pieces("Lähde: ei") == [Piece("Lähde: ei")]
    assert chat_pieces("") == []
