"""The practice app and login (pycheck.practice) through the page's two operations, pycheck.web's
practice_start and practice_event: every screen change, every bad input, the clock, and hostile states."""
from __future__ import annotations

import json
import math
import re

import pytest
import hypothesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pycheck import messages, practice, web

# RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" in base32 and its 8-digit codes.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
T0 = 1_111_111_109  # RFC code 07081804; the next 30 s step starts at 1_111_111_110 (code 14050471)
PASSWORD = "Fjell-Kaffe-Sykkel-47"  # pycheck accepts it
APP_KEYS = {"screen", "phone", "sms", "code", "digits", "offline", "expires_at", "seconds_left", "expired",
            "pins_left", "unblock_code", "practice_pin", "note", "error"}
LOGIN_KEYS = {"screen", "username", "email", "note", "error"}


class Walk:
    """One practice on the page: keeps the state the page would keep and the last view."""

    def __init__(self, scenario: str = "start", at: float = T0, lang: str = "en", secret: str | None = RFC_SECRET,
                 past_push: bool = True):
        """A new practice; from `start`, past the push screen (skipped) unless `past_push` is False, so
        that the walk stands where most tests begin: the phone number."""
        answer = web.practice_start(scenario, at, lang)
        self.state, self.view = answer["state"], answer["view"]
        self.lang = lang
        if secret:  # a known key, so that the expected codes can be written down
            self.state["secret"] = secret
        if scenario == "start" and past_push:
            self.send("skip", at)
            assert self.app["screen"] == "activate"

    def send(self, event: str, at: float = T0, **fields: object) -> dict:
        answer = web.practice_event(self.state, event, fields, at, self.lang)
        assert set(answer) == {"state", "view"}
        assert json.loads(json.dumps(answer, allow_nan=False)) == answer
        self.state, self.view = answer["state"], answer["view"]
        return self.view

    @property
    def app(self) -> dict:
        return self.view["app"]

    @property
    def login(self) -> dict:
        return self.view["login"]

    def app_error(self) -> tuple[str | None, str] | None:
        error = self.app["error"]
        return None if error is None else (error["field"], error["code"])

    def login_error(self) -> tuple[str | None, str] | None:
        error = self.login["error"]
        return None if error is None else (error["field"], error["code"])

    def sms_code(self) -> str:
        return re.search(r"\b(\d{6})\b", self.app["sms"]).group(1)


def activated(pin: str = "2468", **kwargs: object) -> Walk:
    """A practice whose app has the PIN `pin`, on the home screen."""
    walk = Walk(**kwargs)
    walk.send("next", phone="412 34 567")
    walk.send("next", activation_code=walk.sms_code())
    walk.send("skip")
    walk.send("next", pin=pin, pin_confirm=pin)
    assert walk.app["screen"] == "home"
    return walk


# --- the operations and their answers --------------------------------------------------------------

@pytest.mark.parametrize("lang", messages.LANGS)
@pytest.mark.parametrize(("scenario", "app_screen", "login_screen"), [
    ("start", "push", "credentials"),
    ("activation", "activate", "otp"),
    ("make-code", "home", "otp"),
    ("blocked", "blocked", "otp"),
])
def test_each_scenario_starts_where_it_says(scenario: str, app_screen: str, login_screen: str, lang: str) -> None:
    answer = web.practice_start(scenario, T0, lang)
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    view = answer["view"]
    assert set(view) == {"scenario", "app", "login"}
    assert set(view["app"]) == APP_KEYS and set(view["login"]) == LOGIN_KEYS
    assert (view["scenario"], view["app"]["screen"], view["login"]["screen"]) == (scenario, app_screen, login_screen)
    assert view["app"]["error"] is None and view["login"]["error"] is None
    assert view["app"]["pins_left"] == (0 if scenario == "blocked" else 3)
    assert view["login"]["username"] == "ola.nordmann"
    assert "ola.nordmann" in view["login"]["email"]
    if scenario == "make-code":
        assert re.fullmatch(r"\d{4}", view["app"]["practice_pin"])
        assert view["app"]["phone"] == "412 34 567"
    else:
        assert view["app"]["practice_pin"] is None


def test_the_scenario_ids_are_the_pages_contract() -> None:
    assert practice.SCENARIOS == ("start", "activation", "make-code", "blocked")
    assert practice.EVENTS == ("next", "skip", "make-code", "offline", "call-support", "tick", "reset", "login-next")


def test_every_start_has_its_own_secret_key() -> None:
    secrets = {web.practice_start("start", T0, "nb")["state"]["secret"] for _ in range(20)}
    assert len(secrets) == 20
    assert all(re.fullmatch(r"[A-Z2-7]{32}", secret) for secret in secrets)


def test_the_texts_follow_the_language() -> None:
    nb = web.practice_start("blocked", T0, "nb")["view"]
    en = web.practice_start("blocked", T0, "en")["view"]
    assert "400 01 960" in nb["app"]["note"] and "tastevalg 1" in nb["app"]["note"]
    assert "400 01 960" in en["app"]["note"] and "press 1" in en["app"]["note"]
    assert nb["login"]["email"].startswith("Øvings-e-post") and en["login"]["email"].startswith("Practice e-mail")


def test_the_practice_speaks_nynorsk() -> None:
    """A walk in Nynorsk, the expected texts written out by hand; the app's labels stay in Bokmål."""
    walk = Walk(lang="nn", past_push=False)
    assert walk.app["note"] == "Du treng ikkje tillate push-varslingar. I øvinga kan du velje det du vil."
    assert walk.login["email"] == ("Øvings-e-post (ikkje ekte): Du er no ny brukar i IMDinett. "
                                   "Brukarnamnet ditt er ola.nordmann.")
    walk.send("skip")
    assert walk.app["note"] == ("Øving: Skriv mobilnummeret ditt og vel «Start aktiveringen». "
                                "Ingenting blir sendt, verken til IMDinett eller Buypass.")
    walk.send("next", phone="4123456")
    assert walk.app["error"]["message"] == ("Eit norsk mobilnummer har 8 siffer (utan +47). "
                                            "Sjekk at ingen siffer manglar eller er til overs.")
    walk.send("next", phone="412 34 567")
    assert walk.app["sms"] == (f"Øvings-SMS (ikkje ekte): Aktiveringskoden din er {walk.sms_code()}. "
                               "Skriv koden inn i øvingsappen.")
    walk.send("next", activation_code=walk.sms_code())
    walk.send("skip")
    walk.send("next", pin="2468", pin_confirm="2469")
    assert walk.app["error"]["message"] == "PIN-kodane er ikkje like. Skriv den same PIN-koden i begge felta."
    walk.send("next", pin="2468", pin_confirm="2468")
    assert walk.app["note"] == "Øvingsappen er aktivert og klar til å lage eingongskodar. Vel «Lag engangskode»."
    walk.send("login-next", username="ola.nordmann", password=PASSWORD)
    walk.send("login-next", otp="123456")
    assert walk.login["error"]["message"] == ("Lag ein eingongskode i øvingsappen først: "
                                              "vel «Lag engangskode» og skriv PIN-koden.")
    blocked = web.practice_start("blocked", T0, "nn")["view"]["app"]["note"]
    assert blocked == ("Du har skrive feil PIN-kode 3 gonger, så øvingsappen er blokkert. Med den ekte appen ringer du "
                       "IMDinett support på 400 01 960, tasteval 1, og får ein avblokkeringskode. "
                       "Her vel du «Ring support» for å øve.")


def test_an_unknown_language_raises_like_the_rest_of_pycheck() -> None:
    with pytest.raises(ValueError, match="Unknown language"):
        web.practice_start("start", T0, "de")
    state = web.practice_start("start", T0, "nb")["state"]
    with pytest.raises(ValueError, match="Unknown language"):
        web.practice_event(state, "tick", {}, T0, "NB")


@pytest.mark.parametrize("scenario", ["", "Start", "blokkert", None, 3, ["start"], {"a": 1}])
def test_an_unknown_scenario_starts_at_the_start_and_says_so(scenario: object) -> None:
    view = web.practice_start(scenario, T0, "en")["view"]
    assert (view["scenario"], view["app"]["screen"]) == ("start", "push")
    assert view["app"]["error"]["code"] == "restarted"
    assert view["app"]["error"]["message"] == messages.text("practice.error.restarted", "en")


@pytest.mark.parametrize("event", ["", "NEXT", "submit", None, 1, ["next"]])
def test_an_unknown_event_starts_over(event: object) -> None:
    walk = activated()
    walk.send(event)
    assert walk.app["screen"] == "push" and walk.app_error() == (None, "restarted")


# --- activation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["41234567", "412 34 567", "+47 412 34 567", "+4741234567", "0047 41234567",
                                   " 412 34 567 ", "\t41 23 45 67"])
def test_a_norwegian_mobile_number_starts_the_activation(typed: str) -> None:
    walk = Walk()
    walk.send("next", phone=typed)
    assert walk.app["screen"] == "activation-code"
    assert walk.app["phone"] == "412 34 567"
    assert walk.app_error() is None
    assert re.fullmatch(r"Practice SMS \(not a real message\): Your activation code is \d{6}\. .*", walk.app["sms"])


def test_a_number_starting_with_9_is_a_mobile_number_too() -> None:
    walk = Walk()
    walk.send("next", phone="98765432")
    assert walk.app["phone"] == "987 65 432"


@pytest.mark.parametrize(("typed", "code"), [
    ("", "phone_missing"),
    ("   ", "phone_missing"),
    ("51234567", "phone_start"),  # wrong first digit
    ("+47 22 33 44 55", "phone_start"),
    ("4123456", "phone_length"),  # 7 digits
    ("412345678", "phone_length"),  # 9 digits
    ("+47", "phone_length"),
    ("47 41234567", "phone_length"),  # 47 without + or 00
    ("+46 412 34 567", "phone_chars"),
    ("412-34-567", "phone_chars"),
    ("4123456a", "phone_chars"),  # letters
    ("ett to tre", "phone_chars"),
    ("４１２３４５６７", "phone_chars"),  # full-width digits are not 0-9
    ("4123\x004567", "phone_chars"),  # a control character
    ("4123\ud8004567", "phone_chars"),  # a lone surrogate
    ("4" * 257, "too_long"),
    ("4" * 10_000_000, "too_long"),
])
def test_a_bad_phone_number_is_refused_on_its_field(typed: str, code: str) -> None:
    walk = Walk()
    walk.send("next", phone=typed)
    assert walk.app["screen"] == "activate"
    assert walk.app_error() == ("phone", code)
    assert walk.app["error"]["message"] == messages.text(f"practice.error.{code}", "en", digits=8)


@pytest.mark.parametrize("value", [None, 41234567, 4.1e7, ["41234567"], {"x": 1}, True, math.nan])
def test_a_phone_that_is_not_text_gets_its_own_error(value: object) -> None:
    walk = Walk()
    walk.send("next", phone=value)
    expected = ("phone", "phone_missing") if value is None else ("phone", "unreadable")
    assert walk.app_error() == expected


def test_fields_that_are_not_a_mapping_count_as_empty() -> None:
    walk = Walk()
    answer = web.practice_event(walk.state, "next", ["phone", "41234567"], T0, "en")
    assert answer["view"]["app"]["error"]["code"] == "phone_missing"
    answer = web.practice_event(walk.state, "next", None, T0, "en")
    assert answer["view"]["app"]["error"]["code"] == "phone_missing"


def test_the_app_offers_push_first_as_in_the_handout_and_both_answers_go_on() -> None:
    for answer in ("skip", "next"):  # «Tillat push-varslinger» is offered; allowing or not, the app goes on
        walk = Walk(past_push=False)
        assert (walk.app["screen"], walk.app["phone"]) == ("push", None)
        walk.send(answer)
        assert (walk.app["screen"], walk.app_error()) == ("activate", None)


def test_the_activation_code_from_the_sms_goes_on_to_touch_id_and_the_pin() -> None:
    walk = Walk()
    walk.send("next", phone="41234567")
    walk.send("next", activation_code=" " + walk.sms_code()[:3] + " " + walk.sms_code()[3:])
    assert (walk.app["screen"], walk.app["sms"], walk.app_error()) == ("touch-id", None, None)
    walk.send("skip")
    assert walk.app["screen"] == "new-pin"


def test_touch_id_can_be_allowed_too() -> None:
    walk = Walk()
    walk.send("next", phone="41234567")
    walk.send("next", activation_code=walk.sms_code())
    walk.send("next")
    assert walk.app["screen"] == "new-pin"


@pytest.mark.parametrize(("typed", "code"), [
    ("", "activation_missing"),
    ("12345", "activation_format"),
    ("1234567", "activation_format"),
    ("12a456", "activation_format"),
    ("x" * 300, "too_long"),
])
def test_a_bad_activation_code_is_refused(typed: str, code: str) -> None:
    walk = Walk()
    walk.send("next", phone="41234567")
    sms = walk.app["sms"]
    walk.send("next", activation_code=typed)
    assert (walk.app["screen"], walk.app_error(), walk.app["sms"]) == ("activation-code", ("activation_code", code), sms)


def test_an_activation_code_that_is_not_the_sms_code_is_refused() -> None:
    walk = Walk()
    walk.send("next", phone="41234567")
    wrong = f"{(int(walk.sms_code()) + 1) % 1_000_000:06d}"
    walk.send("next", activation_code=wrong)
    assert walk.app_error() == ("activation_code", "activation_wrong")
    assert walk.app["error"]["message"] == (
        "The activation code does not match the code in the practice SMS. Check the digits and try again.")


# --- the PIN ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pin", "confirm", "error"), [
    ("", "", ("pin", "pin_missing")),
    ("abcd", "abcd", ("pin", "pin_format")),  # letters
    ("123", "123", ("pin", "pin_format")),  # 3 digits
    ("12345", "12345", ("pin", "pin_format")),  # 5 digits
    ("1234", "", ("pin_confirm", "pin_confirm_missing")),
    ("1234", "1243", ("pin_confirm", "pin_mismatch")),
    ("1234", "12345", ("pin_confirm", "pin_mismatch")),
])
def test_a_bad_new_pin_is_refused(pin: str, confirm: str, error: tuple[str, str]) -> None:
    walk = Walk()
    walk.send("next", phone="41234567")
    walk.send("next", activation_code=walk.sms_code())
    walk.send("skip")
    walk.send("skip")
    walk.send("next", pin=pin, pin_confirm=confirm)
    assert (walk.app["screen"], walk.app_error()) == ("new-pin", error)


def test_the_pin_error_texts_state_their_numbers() -> None:
    assert messages.text("practice.error.pin_format", "en", digits=4) == (
        "The PIN must have exactly 4 digits (0–9) and no letters.")
    walk = Walk(lang="nb")
    walk.send("next", phone="41234567")
    walk.send("next", activation_code=walk.sms_code())
    walk.send("skip")
    walk.send("skip")
    walk.send("next", pin="123", pin_confirm="123")
    assert walk.app["error"]["message"] == "PIN-koden må ha nøyaktig 4 sifre (0–9) og ingen bokstaver."


# --- making a code ---------------------------------------------------------------------------------

def test_a_code_is_6_digits_valid_for_120_seconds() -> None:
    walk = activated()
    walk.send("make-code")
    assert walk.app["screen"] == "enter-pin"
    walk.send("next", at=59, pin="2468")
    assert walk.app["screen"] == "code"
    # RFC 6238's SHA-1 code at T = 59, in 6 digits.
    assert (walk.app["code"], walk.app["digits"], walk.app["offline"]) == ("287082", 6, False)
    assert (walk.app["expires_at"], walk.app["seconds_left"], walk.app["expired"]) == (179, 120, False)
    walk.send("tick", at=59 + 60.5)
    assert (walk.app["code"], walk.app["seconds_left"], walk.app["expired"]) == ("287082", 60, False)
    walk.send("tick", at=59 + 119.2)
    assert (walk.app["seconds_left"], walk.app["expired"]) == (1, False)
    walk.send("tick", at=59 + 120)
    assert (walk.app["code"], walk.app["seconds_left"], walk.app["expired"]) == ("287082", 0, True)
    walk.send("tick", at=59 + 5000)
    assert (walk.app["seconds_left"], walk.app["expired"]) == (0, True)


def test_offline_codes_have_8_digits_and_change_at_the_30_second_boundary() -> None:
    walk = activated()
    walk.send("offline")
    assert (walk.app["screen"], walk.app["offline"], walk.app["digits"]) == ("home", True, 8)
    walk.send("make-code")
    walk.send("next", pin="2468", at=T0)
    assert (walk.app["code"], walk.app["seconds_left"], walk.app["expires_at"]) == ("07081804", 1, 1_111_111_110)
    assert walk.app["expired"] is False
    walk.send("tick", at=T0 + 0.9)
    assert walk.app["code"] == "07081804"
    walk.send("tick", at=T0 + 1)  # 1_111_111_110: a new step
    assert (walk.app["code"], walk.app["seconds_left"]) == ("14050471", 30)
    walk.send("tick", at=T0 + 2)
    assert (walk.app["code"], walk.app["seconds_left"]) == ("14050471", 29)
    assert "8 digits" in walk.app["note"] and "every 30 seconds" in walk.app["note"]


def test_going_back_online_on_the_code_screen_makes_a_new_online_code() -> None:
    walk = activated()
    walk.send("offline")
    walk.send("make-code")
    walk.send("next", pin="2468", at=30)
    walk.send("offline", at=59)
    assert (walk.app["offline"], walk.app["code"], walk.app["seconds_left"]) == (False, "287082", 120)
    walk.send("next")
    assert walk.app["screen"] == "home"


@pytest.mark.parametrize(("typed", "code"), [("", "pin_missing"), ("24a8", "pin_format"), ("246", "pin_format"),
                                             ("24680", "pin_format"), (["2468"], "unreadable")])
def test_a_malformed_pin_is_refused_and_not_counted(typed: object, code: str) -> None:
    walk = activated()
    walk.send("make-code")
    for _ in range(4):
        walk.send("next", pin=typed)
        assert (walk.app["screen"], walk.app_error(), walk.app["pins_left"]) == ("enter-pin", ("pin", code), 3)


# --- blocked and unblocked -------------------------------------------------------------------------

def test_three_wrong_pins_block_the_app_and_support_unblocks_it() -> None:
    walk = activated(lang="nb")
    walk.send("make-code")
    walk.send("next", pin="1111")
    assert (walk.app["screen"], walk.app_error(), walk.app["pins_left"]) == ("enter-pin", ("pin", "pin_wrong"), 2)
    assert walk.app["error"]["message"] == "Feil PIN-kode. Forsøk igjen før appen blir blokkert: 2."
    walk.send("next", pin="2222")
    assert walk.app["error"]["message"] == "Feil PIN-kode. Forsøk igjen før appen blir blokkert: 1."
    walk.send("next", pin="3333")
    assert (walk.app["screen"], walk.app_error(), walk.app["pins_left"]) == ("blocked", (None, "pin_blocked"), 0)
    assert walk.app["error"]["message"] == "Feil PIN-kode 3 ganger: øvingsappen er blokkert."
    assert walk.app["unblock_code"] is None
    walk.send("make-code")  # the blocked app makes no code
    assert walk.app["screen"] == "blocked"
    walk.send("call-support")
    assert walk.app["screen"] == "unblock"
    unblock_code = walk.app["unblock_code"]
    assert re.fullmatch(r"\d{9}", unblock_code)
    assert "400 01 960" in walk.app["note"] and "tastevalg 1" in walk.app["note"]
    walk.send("next", unblock_code=unblock_code[:3] + " " + unblock_code[3:6] + " " + unblock_code[6:])
    assert (walk.app["screen"], walk.app["pins_left"], walk.app_error()) == ("new-pin", 3, None)
    walk.send("next", pin="9753", pin_confirm="9753")
    walk.send("make-code")
    walk.send("next", pin="2468")  # the old PIN is gone
    assert walk.app_error() == ("pin", "pin_wrong")
    walk.send("next", pin="9753", at=59)
    assert (walk.app["screen"], walk.app["code"]) == ("code", "287082")


def test_a_correct_pin_starts_the_count_again() -> None:
    walk = activated()
    for _ in range(3):
        walk.send("make-code")
        walk.send("next", pin="0000")
        walk.send("next", pin="0000")
        assert walk.app["pins_left"] == 1
        walk.send("next", pin="2468")
        assert (walk.app["screen"], walk.app["pins_left"]) == ("code", 3)


@pytest.mark.parametrize(("typed", "code"), [
    ("", "unblock_missing"), ("12345678", "unblock_format"), ("1234567890", "unblock_format"),
    ("12345678a", "unblock_format"), ("9" * 1000, "too_long"), (123456789, "unreadable"),
])
def test_a_bad_unblocking_code_is_refused(typed: object, code: str) -> None:
    walk = Walk("blocked")
    walk.send("call-support")
    given = walk.app["unblock_code"]
    walk.send("next", unblock_code=typed)
    assert (walk.app["screen"], walk.app_error(), walk.app["unblock_code"]) == ("unblock", ("unblock_code", code), given)


def test_a_wrong_unblocking_code_is_refused() -> None:
    walk = Walk("blocked")
    walk.send("call-support")
    given = walk.app["unblock_code"]
    walk.send("next", unblock_code=f"{(int(given) + 1) % 10 ** 9:09d}")
    assert (walk.app["screen"], walk.app_error()) == ("unblock", ("unblock_code", "unblock_wrong"))
    walk.send("call-support")  # calling again changes nothing
    assert walk.app["unblock_code"] == given


# --- the practice login ----------------------------------------------------------------------------

def test_the_login_takes_the_username_and_any_password_pycheck_accepts() -> None:
    walk = Walk()
    walk.send("login-next", username=" Ola.Nordmann ", password=PASSWORD)
    assert (walk.login["screen"], walk.login_error()) == ("otp", None)


@pytest.mark.parametrize(("fields", "error"), [
    ({}, ("username", "username_missing")),
    ({"username": "kari", "password": PASSWORD}, ("username", "username_wrong")),
    ({"username": "ola.nordmann"}, ("password", "password_missing")),
    ({"username": "ola.nordmann", "password": "passord"}, ("password", "password_rules")),
    ({"username": "ola.nordmann", "password": PASSWORD, "expected_password": "Annet-Passord-Her-12"},
     ("password", "password_wrong")),
    ({"username": "ola.nordmann", "password": "x" * 100_000}, ("password", "too_long")),
    ({"username": 7, "password": PASSWORD}, ("username", "unreadable")),
])
def test_the_login_refuses_bad_credentials(fields: dict, error: tuple[str, str]) -> None:
    walk = Walk()
    walk.send("login-next", **fields)
    assert (walk.login["screen"], walk.login_error()) == ("credentials", error)
    assert walk.app_error() is None


def test_the_username_error_names_the_practice_username() -> None:
    walk = Walk(lang="nb")
    walk.send("login-next", username="kari", password=PASSWORD)
    assert walk.login["error"]["message"] == "Bruk brukernavnet fra øvings-e-posten: ola.nordmann"


def test_the_login_takes_the_password_made_in_the_practice_form() -> None:
    walk = Walk()
    walk.send("login-next", username="ola.nordmann", password="abc", expected_password="abc")
    assert walk.login["screen"] == "otp"


def test_the_online_code_logs_in_within_120_seconds_and_not_after() -> None:
    walk = activated()
    walk.send("login-next", username="ola.nordmann", password=PASSWORD)
    walk.send("login-next", otp="287082", at=100)
    assert walk.login_error() == ("otp", "otp_no_code")
    walk.send("make-code")
    walk.send("next", pin="2468", at=59)
    walk.send("login-next", otp="287082", at=59 + 120)
    assert (walk.login["screen"], walk.login_error()) == ("otp", ("otp", "otp_expired"))
    assert walk.login["error"]["message"] == (
        "The one-time code has expired: it is valid for 120 seconds only. Make a new code in the practice app.")
    walk.send("login-next", otp="287083", at=60)
    assert walk.login_error() == ("otp", "otp_wrong")
    walk.send("login-next", otp="287 082", at=59 + 119)
    assert (walk.login["screen"], walk.login_error()) == ("done", None)
    assert walk.login["note"] == "You are logged in – practice. Nothing was sent to IMDinett."


def test_an_8_digit_offline_code_logs_in_in_its_step_with_a_note() -> None:
    walk = activated(lang="nb")
    walk.send("offline")
    walk.send("login-next", username="ola.nordmann", password=PASSWORD)
    walk.send("login-next", otp="07081804", at=T0 + 1)  # the step before
    assert walk.login_error() == ("otp", "otp_changed")
    walk.send("login-next", otp="07081805", at=T0)
    assert walk.login_error() == ("otp", "otp_wrong")
    walk.send("login-next", otp="07081804", at=T0)
    assert (walk.login["screen"], walk.login_error()) == ("done", None)
    assert walk.login["note"].startswith("Du er logget inn – øving. Du brukte en kode med 8 sifre fra frakoblet modus.")
    assert "400 01 960, tastevalg 1" in walk.login["note"]


@pytest.mark.parametrize(("typed", "code"), [("", "otp_missing"), ("28708", "otp_format"), ("2870822", "otp_format"),
                                             ("28708a", "otp_format"), ("2" * 257, "too_long"), (287082, "unreadable")])
def test_a_malformed_code_is_refused_by_the_login(typed: object, code: str) -> None:
    walk = Walk("make-code")
    walk.send("login-next", otp=typed)
    assert (walk.login["screen"], walk.login_error()) == ("otp", ("otp", code))


def test_the_login_is_done_after_a_code_and_later_events_change_nothing() -> None:
    walk = Walk("make-code")
    walk.state["secret"] = RFC_SECRET
    walk.send("make-code")
    walk.send("next", pin=walk.view["app"]["practice_pin"], at=59)
    walk.send("login-next", otp="287082", at=60)
    before = walk.state
    walk.send("login-next", otp="000000", at=61)
    assert walk.state == before


def test_errors_stay_through_ticks_and_go_with_the_next_event() -> None:
    walk = Walk()
    walk.send("next", phone="123")
    walk.send("tick", at=T0 + 5)
    assert walk.app_error() == ("phone", "phone_length")
    walk.send("next", phone="41234567")
    assert walk.app_error() is None


def test_an_event_the_screen_does_not_offer_changes_nothing() -> None:
    walk = Walk()
    before = walk.state
    for event in ("skip", "make-code", "offline", "call-support"):
        walk.send(event)
        assert walk.state == before


def test_reset_starts_over_with_a_new_key() -> None:
    walk = Walk("make-code", secret=None)
    old = walk.state["secret"]
    walk.send("reset")
    assert (walk.view["scenario"], walk.app["screen"], walk.login["screen"]) == ("start", "push", "credentials")
    assert walk.state["secret"] != old and walk.app_error() is None


# --- a state that came back changed ----------------------------------------------------------------

def _changed(change) -> dict:
    state = activated().state
    change(state)
    return state


@pytest.mark.parametrize("change", [
    lambda s: s.pop("secret"),
    lambda s: s.update(extra=1),
    lambda s: s.update(version=2),
    lambda s: s.update(version=True),
    lambda s: s.update(screen="hacked"),
    lambda s: s.update(screen="code"),  # no code was made
    lambda s: s.update(screen="blocked"),  # blocked without three wrong PINs
    lambda s: s.update(wrong_pins=3),  # three wrong PINs without being blocked
    lambda s: s.update(wrong_pins=-1),
    lambda s: s.update(wrong_pins=2.0),
    lambda s: s.update(wrong_pins=True),
    lambda s: s.update(pin="12345"),
    lambda s: s.update(pin=None),
    lambda s: s.update(practice_pin="0000"),
    lambda s: s.update(secret="A" * 10_000_000),
    lambda s: s.update(secret="0" * 32),
    lambda s: s.update(phone="+4741234567"),
    lambda s: s.update(offline="yes"),
    lambda s: s.update(code_made_at=math.nan),
    lambda s: s.update(code_made_at=-5),
    lambda s: s.update(code_made_at=math.inf),
    lambda s: s.update(code_made_at=10 ** 400),
    lambda s: s.update(app_error={"field": "phone", "code": "nope"}),
    lambda s: s.update(app_error={"field": "x", "code": "phone_length"}),
    lambda s: s.update(app_error="phone_length"),
    lambda s: s.update(login="admin"),
])
def test_a_changed_state_starts_over_and_says_so(change) -> None:
    state = _changed(change)
    answer = web.practice_event(state, "next", {"pin": "2468"}, T0, "en")
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    assert (answer["view"]["app"]["screen"], answer["view"]["app"]["error"]["code"]) == ("push", "restarted")
    assert answer["state"]["secret"] != state.get("secret")


@pytest.mark.parametrize("state", [None, [], "state", 0, {}, {"version": 1}])
def test_a_state_that_is_not_one_starts_over(state: object) -> None:
    view = web.practice_event(state, "tick", {}, T0, "nb")["view"]
    assert view["app"]["error"]["message"] == messages.text("practice.error.restarted", "nb")


@pytest.mark.parametrize("at", [math.nan, math.inf, -1, -0.5, 10 ** 400, "1700000000", None, True])
def test_an_unusable_time_starts_over(at: object) -> None:
    view = web.practice_event(activated().state, "tick", {}, at, "en")["view"]
    assert (view["app"]["screen"], view["app"]["error"]["code"]) == ("push", "restarted")
    assert web.practice_start("make-code", at, "en")["view"]["app"]["error"]["code"] == "restarted"


def test_an_unchanged_state_survives_its_json_round_trip() -> None:
    walk = activated()
    state = json.loads(json.dumps(walk.state))
    assert web.practice_event(state, "tick", {}, T0, "en")["state"] == walk.state


def test_a_time_in_whole_seconds_from_json_is_a_time() -> None:
    walk = activated()
    walk.send("make-code")
    walk.send("next", pin="2468", at=59)
    walk.state["code_made_at"] = 59  # JSON (and Pyodide) may give an int for a whole number
    walk.send("tick", at=60)
    assert (walk.app["code"], walk.app_error()) == ("287082", None)


# --- random walks ----------------------------------------------------------------------------------

TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "41234567", "+47 912 34 567", "0047 41234567", "51234567", "1234", "2468", "0000",
                     "12a4", "123", "12345", "ola.nordmann", PASSWORD, "287082", "07081804", "x" * 300]),
    st.none(), st.integers(), st.floats(), st.lists(st.integers(), max_size=2),
)


@st.composite
def moments(draw) -> float | int:
    """Mostly times that move on from T0 (sometimes back), now and then an unusable one."""
    if draw(st.integers(min_value=0, max_value=19)) == 0:
        return draw(st.sampled_from([math.nan, math.inf, -math.inf, -1, -0.5, 10 ** 20, 10 ** 400]))
    return draw(st.one_of(st.floats(min_value=T0 - 60, max_value=T0 + 600, allow_nan=False),
                          st.integers(min_value=T0, max_value=T0 + 600), st.just(0)))


def _likely(app: dict, pin: str | None) -> dict[str, list[str]]:
    """Values that move the practice on from the app's screen `app`, for the random walks to try often
    (the most useful first: hypothesis draws early elements more often)."""
    return {
        "phone": ["41234567", "+47 912 34 567"],
        "activation_code": re.findall(r"\d{6}", app["sms"] or ""),
        "pin": [*([pin] if pin else []), "0000", "1234"],
        "pin_confirm": [*([pin] if pin else []), "0000", "1234"],
        "unblock_code": [app["unblock_code"]] if app["unblock_code"] else [],
        "username": ["ola.nordmann"],
        "password": [PASSWORD],
        "otp": [app["code"]] if app["code"] else [],
    }


def _digits_only(value: object) -> str | None:
    """The test's own reading of a typed PIN or code: spaces left out, else None when not text."""
    if not isinstance(value, str) or len(value) > 256:
        return None
    return "".join(value.split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), scenario=st.sampled_from(practice.SCENARIOS + ("nowhere",)),
       lang=st.sampled_from(messages.LANGS))
def test_random_events_never_raise_and_block_exactly_after_three_wrong_pins(data, scenario: str, lang: str) -> None:
    """An independent count of wrong PINs since the last correct PIN or unblocking decides whether the
    app must be blocked; the count knows the PIN from the fields the test sent, not from the state."""
    answer = web.practice_start(scenario, T0, lang)
    pin = answer["view"]["app"]["practice_pin"]
    wrong = 3 if scenario == "blocked" else 0
    for _ in range(data.draw(st.integers(min_value=1, max_value=30), label="events")):
        before = answer["view"]["app"]
        offered = [name for screen, name in practice.APP_EVENTS if screen == before["screen"]] + ["login-next"]
        event = data.draw(st.sampled_from(offered) | st.sampled_from(practice.EVENTS), label="event")
        names = {"next": ["phone", "activation_code", "pin", "pin_confirm", "unblock_code"],
                 "login-next": ["username", "password", "otp", "expected_password"]}.get(event, [])
        likely = _likely(before, pin)
        fields = {}
        for name in names:
            if data.draw(st.integers(min_value=0, max_value=9), label=f"{name} sent") > 0:
                good = likely.get(name)
                use_good = good and data.draw(st.integers(min_value=0, max_value=2), label=f"{name} likely") > 0
                fields[name] = data.draw(st.sampled_from(good) if use_good else TEXTS, label=name)
        if "pin" in fields and data.draw(st.booleans(), label="confirmed"):
            fields["pin_confirm"] = fields["pin"]
        at = data.draw(moments(), label="at")

        answer = web.practice_event(answer["state"], event, fields, at, lang)

        assert json.loads(json.dumps(answer, allow_nan=False)) == answer
        view = answer["view"]
        assert set(view["app"]) == APP_KEYS and set(view["login"]) == LOGIN_KEYS
        usable_time = not isinstance(at, bool) and isinstance(at, (int, float)) and 0 <= at <= 253402300799
        if not usable_time:
            assert (view["app"]["screen"], view["app"]["error"]["code"]) == ("push", "restarted")
        typed = _digits_only(fields.get("pin"))
        if not usable_time or event == "reset":
            wrong, pin = 0, None
        elif event == "next" and before["screen"] == "new-pin":
            confirm = _digits_only(fields.get("pin_confirm"))
            if typed and typed.isascii() and typed.isdigit() and len(typed) == 4 and typed == confirm:
                pin = typed
        elif event == "next" and before["screen"] == "enter-pin":
            if typed and typed.isascii() and typed.isdigit() and len(typed) == 4:
                wrong = 0 if typed == pin else wrong + 1
                if wrong == 3:
                    hypothesis.event("blocked by three wrong PINs")
        elif event == "next" and before["screen"] == "unblock":
            if _digits_only(fields.get("unblock_code")) == before["unblock_code"]:
                wrong, pin = 0, None
        assert (view["app"]["screen"] in ("blocked", "unblock")) == (wrong >= 3)
        assert view["app"]["pins_left"] == max(0, 3 - wrong)
        hypothesis.event(f"app screen {view['app']['screen']}")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), lang=st.sampled_from(messages.LANGS))
def test_a_state_changed_at_random_never_raises(data, lang: str) -> None:
    state = activated(lang=lang).state
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        key = data.draw(st.sampled_from(sorted(state) + ["extra"]))
        if data.draw(st.booleans()):
            state.pop(key, None)
        else:
            state[key] = data.draw(JSON_VALUES)
    event = data.draw(st.sampled_from(practice.EVENTS + ("bogus",)))
    answer = web.practice_event(state, event, data.draw(JSON_VALUES), data.draw(moments()), lang)
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer
    assert practice.Practice.from_dict(answer["state"]) is not None


@settings(max_examples=200, deadline=None)
@given(actions=st.lists(st.sampled_from(["right", "wrong", "malformed", "support", "unblock", "offline", "tick"]),
                        max_size=30),
       wrong_pins=st.sampled_from(["0000", "9999", "1357"]), new_pin=st.sampled_from(["2580", "0000"]))
def test_pin_attempts_block_exactly_after_three_wrong_ones_in_a_row(actions: list[str], wrong_pins: str,
                                                                     new_pin: str) -> None:
    """PIN attempts in any order, counted by the test: blocked exactly when the last three well-formed
    PINs since the last correct PIN or unblocking were wrong."""
    walk = Walk("make-code")
    pin, wrong, at = walk.app["practice_pin"], 0, float(T0)
    for action in actions:
        at += 7.5
        if walk.app["screen"] in ("home", "code") and action in ("right", "wrong", "malformed"):
            walk.send("make-code", at=at)
        screen = walk.app["screen"]
        if screen == "enter-pin" and action in ("right", "wrong", "malformed"):
            typed = {"right": pin, "wrong": wrong_pins if wrong_pins != pin else "8642", "malformed": "12a4"}[action]
            walk.send("next", at=at, pin=typed)
            if action != "malformed":
                wrong = 0 if typed == pin else wrong + 1
        elif screen == "blocked" and action in ("support", "unblock"):
            walk.send("call-support", at=at)
        elif screen == "unblock" and action == "unblock":
            walk.send("next", at=at, unblock_code=walk.app["unblock_code"])
            walk.send("next", at=at, pin=new_pin, pin_confirm=new_pin)
            pin, wrong = new_pin, 0
        elif screen == "unblock" and action == "support":
            walk.send("next", at=at, unblock_code="000000000" if walk.app["unblock_code"] != "000000000" else "1" * 9)
        elif action == "offline":
            walk.send("offline", at=at)
        else:
            walk.send("tick", at=at)
        assert (walk.app["screen"] in ("blocked", "unblock")) == (wrong >= 3), (action, wrong)
        assert walk.app["pins_left"] == max(0, 3 - wrong)
        if wrong >= 3:
            hypothesis.event("blocked by three wrong PINs")
