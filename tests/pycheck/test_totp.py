"""pycheck.totp against the RFC test vectors, and its argument checking."""
from __future__ import annotations

import base64
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from pycheck import messages, totp

# RFC 4226 Appendix D: secret "12345678901234567890", counters 0-9, 6 digits, HMAC-SHA1.
RFC4226_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC4226_HOTP = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]

# RFC 6238 Appendix B: each algorithm has its own seed (the ASCII digits repeated to the hash size).
RFC6238_SEEDS = {
    "sha1": b"12345678901234567890",
    "sha256": b"12345678901234567890123456789012",
    "sha512": b"1234567890123456789012345678901234567890123456789012345678901234",
}
RFC6238_TABLE = [  # (Unix time, SHA1, SHA256, SHA512), 8 digits, 30 s period
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
RFC6238_CASES = [
    (at, algorithm, expected)
    for at, *codes in RFC6238_TABLE
    for algorithm, expected in zip(("sha1", "sha256", "sha512"), codes, strict=True)
]


def seed(algorithm: str) -> str:
    return base64.b32encode(RFC6238_SEEDS[algorithm]).decode()


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC4226_HOTP)))
def test_rfc4226_hotp_values(counter: int, expected: str) -> None:
    # A TOTP at time counter × period is the HOTP of that counter.
    assert totp.code(RFC4226_SECRET, counter * 30, digits=6) == expected


@pytest.mark.parametrize(("at", "algorithm", "expected"), RFC6238_CASES)
def test_rfc6238_appendix_b(at: int, algorithm: str, expected: str) -> None:
    assert totp.code(seed(algorithm), at, digits=8, algorithm=algorithm) == expected


@pytest.mark.parametrize(("at", "algorithm", "expected"), RFC6238_CASES)
def test_rfc6238_verify_accepts_table_codes_and_neighbours(at: int, algorithm: str, expected: str) -> None:
    secret = seed(algorithm)
    assert totp.verify(expected, secret, at, digits=8, algorithm=algorithm)
    assert totp.verify(expected, secret, at + 30, digits=8, algorithm=algorithm)  # one period of drift
    assert not totp.verify(expected, secret, at + 30, window=0, digits=8, algorithm=algorithm)
    assert not totp.verify(expected, secret, at + 90, digits=8, algorithm=algorithm)


def test_aware_datetime_equals_unix_seconds() -> None:
    moment = datetime(2009, 2, 13, 23, 31, 30, tzinfo=timezone.utc)  # 1234567890
    assert totp.code(seed("sha1"), moment, digits=8) == "89005924"
    oslo = moment.astimezone(timezone(timedelta(hours=1)))
    assert totp.code(seed("sha1"), oslo, digits=8) == "89005924"


def test_secret_is_read_leniently_lowercase_spaces_padding() -> None:
    spaced = " ".join(re.findall(".{1,4}", RFC4226_SECRET.lower()))
    assert totp.code(spaced, 0) == RFC4226_HOTP[0]
    assert totp.code(RFC4226_SECRET + "====", 30) == RFC4226_HOTP[1]


@pytest.mark.parametrize(
    "code",
    ["", "75522", "7552244", "75522a", "７５５２２４", None, 755224, "755 224x"],
)
def test_malformed_codes_are_simply_wrong(code: object) -> None:
    assert totp.verify(code, RFC4226_SECRET, 0) is False  # type: ignore[arg-type]


def test_verify_accepts_a_code_typed_with_a_space() -> None:
    assert totp.verify("755 224", RFC4226_SECRET, 0)


BAD_ARGUMENTS = [
    ({"secret_b32": "not base32!"}, "totp.error.base32"),
    ({"secret_b32": ""}, "totp.error.base32"),
    ({"secret_b32": "ABC1"}, "totp.error.base32"),
    ({"secret_b32": None}, "totp.error.base32"),
    ({"secret_b32": "A" * 9}, "totp.error.base32"),  # a length base32 cannot have
    ({"secret_b32": "JBSWY3DPEHPK3PXP"}, "totp.error.short"),  # 80 bits
    ({"digits": 5}, "totp.error.digits"),
    ({"digits": 9}, "totp.error.digits"),
    ({"digits": True}, "totp.error.digits"),
    ({"digits": 6.0}, "totp.error.digits"),
    ({"period": 0}, "totp.error.period"),
    ({"period": 3601}, "totp.error.period"),
    ({"algorithm": "md5"}, "totp.error.algorithm"),
    ({"algorithm": None}, "totp.error.algorithm"),
    ({"at": -1}, "totp.error.time"),
    ({"at": float("nan")}, "totp.error.time"),
    ({"at": float("inf")}, "totp.error.time"),
    ({"at": "59"}, "totp.error.time"),
    ({"at": datetime(2020, 1, 1)}, "totp.error.time"),  # naive: which zone?
]


@pytest.mark.parametrize(("change", "key"), BAD_ARGUMENTS)
def test_bad_arguments_raise_a_clear_value_error(change: dict, key: str) -> None:
    args = {"secret_b32": RFC4226_SECRET, "at": 0, "digits": 6, "period": 30, "algorithm": "sha1", **change}
    secret, at = args.pop("secret_b32"), args.pop("at")
    with pytest.raises(ValueError) as caught:
        totp.code(secret, at, **args)
    error = caught.value
    assert isinstance(error, totp.TotpError) and error.key == key
    assert str(error) == messages.text(key, "en", **error.params)
    assert error.message("nb") != error.message("en")


def test_algorithm_names_are_case_insensitive() -> None:
    assert totp.code(seed("sha256"), 59, digits=8, algorithm="SHA-256") == "46119246"


def test_verify_checks_its_window() -> None:
    with pytest.raises(totp.TotpError):
        totp.verify("755224", RFC4226_SECRET, 0, window=-1)
    with pytest.raises(totp.TotpError):
        totp.verify("755224", RFC4226_SECRET, 0, window=True)


def test_new_demo_secret_has_160_random_bits() -> None:
    secrets = {totp.new_demo_secret() for _ in range(20)}
    assert len(secrets) == 20
    for secret in secrets:
        assert re.fullmatch("[A-Z2-7]{32}", secret)
        assert len(base64.b32decode(secret)) * 8 >= 160
        assert totp.verify(totp.code(secret, 1_700_000_000), secret, 1_700_000_000)


def test_provisioning_uri() -> None:
    uri = totp.provisioning_uri(RFC4226_SECRET, "ola@example.no", issuer="IMDinett demo")
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc) == ("otpauth", "totp")
    query = parse_qs(parts.query)
    assert query["secret"] == [RFC4226_SECRET]
    assert query["issuer"] == ["IMDinett demo"]
    assert "ola%40example.no" in parts.path or "ola@example.no" in parts.path
    with pytest.raises(totp.TotpError):
        totp.provisioning_uri(RFC4226_SECRET, "  ")
    with pytest.raises(totp.TotpError):
        totp.provisioning_uri("short", "ola")


@pytest.mark.parametrize(
    ("at", "period", "expected"),
    [(0, 30, 30), (1, 30, 29), (29, 30, 1), (29.9, 30, 1), (30, 30, 30), (59, 60, 1), (1_700_000_000, 30, 10)],
)
def test_seconds_left(at: float, period: int, expected: int) -> None:
    assert totp.seconds_left(at, period) == expected


def test_seconds_left_rejects_bad_input() -> None:
    with pytest.raises(totp.TotpError):
        totp.seconds_left(-5)
    with pytest.raises(totp.TotpError):
        totp.seconds_left(10, period=0)
