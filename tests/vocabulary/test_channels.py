from vocabulary.channels import SENDER_PREFIXES, channel_of


def test_telegram_keys_carry_their_prefix() -> None:
    assert channel_of(SENDER_PREFIXES["telegram"] + "abc") == "telegram"


def test_other_keys_are_the_web_page() -> None:
    assert channel_of("4f1c0e7a-random") == "web"
