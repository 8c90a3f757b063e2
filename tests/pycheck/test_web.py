"""pycheck.web: the operations the pages' worker calls by name, with JSON-ready answers."""
from __future__ import annotations

import json
import random
import re

import pyotp
import pytest

from pycheck import web, wordlists

# RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" in base32, and its codes at T = 59 s.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def test_every_operation_is_a_function_of_the_module():
    assert web.OPERATIONS == ("check", "suggest", "code", "verify", "demo", "practice_start", "practice_event")
    for name in web.OPERATIONS:
        assert callable(getattr(web, name)), name


def test_check_answers_plain_json_ready_values():
    answer = web.check("abc", None, "en")
    assert json.loads(json.dumps(answer)) == answer
    assert answer["ok"] is False
    assert answer["failed"] == ["length", "digit", "upper", "special"]
    assert answer["summary"] == "The password does not meet the requirements yet."
    assert [rule["code"] for rule in answer["rules"]] == ["length", "digit", "upper", "lower", "special"]


def test_check_with_a_confirmation_adds_the_match_rule_in_norwegian_by_default():
    answer = web.check("Fjell-Kaffe-Sykkel-47", "Fjell-Kaffe-Sykkel-47")
    assert answer["ok"] is True and answer["lang"] == "nb"
    assert answer["rules"][-1]["code"] == "match"
    assert answer["summary"] == "Passordet oppfyller kravene."


def test_check_answers_in_nynorsk():
    answer = web.check("abc", "abd", "nn")
    assert answer["lang"] == "nn" and answer["summary"] == "Passordet oppfyller ikkje krava enno."
    assert answer["rules"][-1] == {"code": "match", "passed": False, "help": "Det same passordet i begge felta",
                                   "message": "Passorda er ikkje like. Skriv det same passordet i begge felta."}


def test_check_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="Unknown language"):
        web.check("abc", None, "xx")


def test_suggest_gives_an_accepted_password():
    suggestion = web.suggest()
    answer = web.check(suggestion, suggestion, "en")
    assert answer["ok"] is True and answer["warnings"] == []


def test_code_follows_rfc_6238_and_takes_the_defaults_for_missing_settings():
    assert web.code(RFC_SECRET, 59, 8) == "94287082"
    assert web.code(RFC_SECRET, 59) == "287082"
    assert web.code(RFC_SECRET, 59, None, None, "sha1") == "287082"
    assert web.code(RFC_SECRET, 1111111109, 8) == "07081804"


def test_verify():
    assert web.verify("287082", RFC_SECRET, 59) is True
    assert web.verify("287083", RFC_SECRET, 59) is False
    assert web.verify("not a code", RFC_SECRET, 59) is False


def test_demo_makes_a_secret_key_and_says_its_code_and_nothing_to_add_to_an_app():
    at = 1_700_000_069  # 29 s into its 30-second step (1_700_000_040 is a multiple of 30)
    state = web.demo(None, at)
    assert json.loads(json.dumps(state)) == state
    assert set(state) == {"secret", "code", "seconds_left", "at"}  # no otpauth link, no QR code
    assert re.fullmatch(r"[A-Z2-7]{32}", state["secret"])
    # Computed with pyotp directly: 30-second steps counted from the Unix epoch, 6 digits.
    assert state["code"] == pyotp.TOTP(state["secret"]).generate_otp(at // 30)
    assert (state["seconds_left"], state["at"]) == (1, at)


def test_demo_keeps_a_given_secret_and_two_new_ones_differ():
    assert web.demo(RFC_SECRET, 59)["code"] == "287082"
    assert web.demo(None, 0)["secret"] != web.demo(None, 0)["secret"]


def test_warm_up_fills_every_file_backed_cache():
    for loader in (wordlists.common_passwords, wordlists.norwegian_words, wordlists.passphrase_words):
        loader.cache_clear()
    web.warm_up()
    for loader in (wordlists.common_passwords, wordlists.norwegian_words, wordlists.passphrase_words):
        assert loader.cache_info().currsize == 1, loader.__name__


def test_after_restore_reseeds_random():
    random.seed(1)
    frozen = random.random()
    random.seed(1)
    assert web.after_restore() is True
    assert random.random() != frozen


def test_practice_start_and_event_answer_the_state_and_the_view():
    answer = web.practice_start("make-code", 1_700_000_000.5, "en")
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    assert set(answer) == {"state", "view"} and set(answer["view"]) == {"scenario", "app", "login"}
    pin = answer["view"]["app"]["practice_pin"]
    answer = web.practice_event(answer["state"], "make-code", {}, 1_700_000_001, "en")
    answer = web.practice_event(answer["state"], "next", {"pin": pin}, 1_700_000_002, "en")
    app = answer["view"]["app"]
    assert (app["screen"], app["digits"], app["seconds_left"]) == ("code", 6, 120)
    assert app["code"] == pyotp.TOTP(answer["state"]["secret"]).generate_otp(1_700_000_002 // 30)


def test_practice_event_never_raises_for_a_state_the_page_changed():
    view = web.practice_event({"screen": "home"}, "next", {"pin": "1234"}, 1_700_000_000, "nb")["view"]
    assert (view["app"]["screen"], view["app"]["error"]["code"]) == ("push", "restarted")


def test_warm_up_runs_a_practice_so_the_snapshot_holds_it():
    import sys

    web.warm_up()
    assert "pycheck.practice" in sys.modules
