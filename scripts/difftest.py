#!/usr/bin/env python3
"""Differential testing of chatmark against the reference parser (the oracle).

    scripts/difftest.py --seed 1 --count 20000            # generate, compare, record
    scripts/difftest.py --seed 1 --count 5000 --families tokens,chars
    scripts/difftest.py --recheck                          # fixtures vs. chatmark,
                                                           # known-differences report
    scripts/difftest.py --recheck --update-known           # ...and rewrite the list

Generates --count cases from --seed in several families (realistic messages
from the corpus and mutations of them, mutations of the reference suite's own
inputs, token soups of the grammar's lexemes, raw character soups,
line-structured block soups, link/e-mail/phone soups, timestamp soups), each
with an option set drawn from OPTION_SETS (timestamp cases always get a fixed
`now`). Every batch goes through tools/oracle/oracle.js and through
`chatmark parse --jsonl`; the trees are compared byte for byte. Prints parity
per family and per option set.

Every differing case is minimized (greedy delta debugging: chunk removals and
option drops, asking the oracle in batches), deduplicated and appended to
tests/fixtures/oracle/regressions.jsonl as
{"input", "options"?, "now"?, "expected"} with `expected` exactly as the
oracle wrote it; its input is added to tests/fixtures/oracle/known-differences.txt
(the cases tests/oracle_regressions.rs skips until chatmark gets them right).
Cases on which chatmark crashes or exceeds the time limit are not comparable
trees; they go to tests/fixtures/oracle/chatmark-failures.txt (not run by
cargo test, since a stack overflow would abort the test binary).

Stdlib only. Inputs are kept <= 2,000 UTF-16 code units (the reference is
quadratic on adversarial input).
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORACLE = os.path.join(ROOT, "tools", "oracle", "oracle.js")
CHATMARK = os.environ.get("CHATMARK") or os.path.join(ROOT, "target", "release", "chatmark")
FIXDIR = os.path.join(ROOT, "tests", "fixtures", "oracle")
REGRESSIONS = os.path.join(FIXDIR, "regressions.jsonl")
KNOWN = os.path.join(FIXDIR, "known-differences.txt")
FAILURES = os.path.join(FIXDIR, "chatmark-failures.txt")
CORPUS = "/work/shared/anchors/corpus-bench.jsonl"
BENCH = "/work/shared/anchors/bench-fixtures.jsonl"
REFSUITE = os.path.join(ROOT, "tests", "fixtures", "reference-tests.jsonl")

MAX_UNITS = 2000


def utf16_len(s):
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def clip(s, limit=MAX_UNITS):
    if utf16_len(s) <= limit:
        return s
    out, n = [], 0
    for c in s:
        n += 2 if ord(c) > 0xFFFF else 1
        if n > limit:
            break
        out.append(c)
    return "".join(out)


# ---------------------------------------------------------------------------
# Option sets
# ---------------------------------------------------------------------------

CUSTOM_DOMAIN_LISTS = [
    ["intranet"],
    ["intranet", "corp"],
    ["rocket", "local"],
    ["company.internal"],
    ["test", "example"],
    ["lan"],
    [],
    ["Intranet"],
    [".intranet"],
    [""],
    ["x.intranet"],
    ["localhost"],
    ["co.uk", "com"],
]

OPTION_SETS = [
    # name, weight, builder(rng) -> options dict or None
    ("none", 24, lambda r: None),
    ("emoticons", 18, lambda r: {"emoticons": True}),
    ("colors", 8, lambda r: {"colors": True}),
    ("all+domains", 24, lambda r: {"colors": True, "emoticons": True,
                                   "katex": {"dollarSyntax": True, "parenthesisSyntax": True},
                                   "customDomains": list(r.choice(CUSTOM_DOMAIN_LISTS))}),
    ("katex-dollar", 6, lambda r: {"katex": {"dollarSyntax": True}}),
    ("katex-paren", 6, lambda r: {"katex": {"parenthesisSyntax": True}}),
    ("katex-both", 5, lambda r: {"katex": {"dollarSyntax": True, "parenthesisSyntax": True}}),
    ("domains", 4, lambda r: {"customDomains": list(r.choice(CUSTOM_DOMAIN_LISTS))}),
    ("explicit-false", 3, lambda r: {"colors": False, "emoticons": False,
                                     "katex": {"dollarSyntax": False, "parenthesisSyntax": False}}),
]

NOWS = [
    "2025-01-15T12:00:00Z",
    "2024-02-29T23:59:59.999Z",
    "2000-01-01T00:00:00Z",
    "2038-01-19T03:14:07Z",
    "2038-01-19T03:14:08Z",
    "1970-01-01T00:00:00Z",
    "2025-12-31T23:30:00Z",
    "1999-12-31T23:59:59.500Z",
]


def pick_options(r):
    total = sum(w for _, w, _ in OPTION_SETS)
    x = r.uniform(0, total)
    for name, w, build in OPTION_SETS:
        x -= w
        if x <= 0:
            return name, build(r)
    name, _, build = OPTION_SETS[0]
    return name, build(r)


# ---------------------------------------------------------------------------
# Lexemes
# ---------------------------------------------------------------------------

ASCII_WORDS = ("a b x y z hi ok the fix deploy merge build ticket team server lunch release "
               "hello world foo bar baz qux test user admin rocket chat issue PR CI v1 v2 "
               "abc def A B X O D L P b B8 x1 a_b a.b e.g i.e etc it's don't O_o").split()
INTL_WORDS = ["привет", "мир", "сервер", "Ёж", "日本語", "你好", "中文", "テスト", "한국어",
              "مرحبا", "شكرا", "الفريق", "שלום", "Ελλάδα", "αβγ", "café", "naïve", "Ñandú",
              "straße", "हिन्दी", "नमस्ते", "ไทย", "ภาษา", "Ａｂｃ", "１２３", "٣٤٥", "ǅemal",
              "x\u0301", "e\u0308", "ᚠᚢ", "ⴰⵣ", "ꙮ"]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u3000", "\u2002", "\u200b", "\u202f", " \t",
          "\u0085", "\u180e", "\u1680", "\u205f", "\u2028", "\u2029", "\ufeff", "\x0b", "\x0c"]
EOLS = ["\n", "\n", "\n", "\r\n", "\r", "\n\n"]
MARKERS = ["*", "**", "***", "_", "__", "___", "~", "~~", "~~~", "||", "`", "``", "```", "\\",
           "*_", "_*", "**_", "~*", "*~", "__*"]
PUNCT = list(".,!?;:()[]{}<>=+-/'\"&%$#@^|*_~`\\") + ["...", "?!", "--", "->", "=>", "<-", "::", "(", ")"]

UNICODE_EMOJI = [
    "😀", "😀\ufe0f", "😂", "🙏", "🙏🏿", "👍", "👍🏽", "👍🏻👍🏿", "👨‍👩‍👧", "👨‍👩‍👧‍👦", "👩🏽‍💻",
    "🤷🏽‍♀️", "🤷‍♂", "🏳️‍🌈", "🏴‍☠️", "❤️", "❤", "❤️‍🔥", "❤\ufe0e", "🇧🇷", "🇺🇸🇧🇷", "🇦",
    "🇦🇧🇨", "1️⃣", "1⃣", "#⃣", "#️⃣", "*️⃣", "🔟", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏴", "⌚",
    "⌚️", "⏰", "©️", "©", "®️", "™️", "™", "‼️", "⁉️", "ℹ️", "↔", "↔️", "↕", "↗️", "↩️",
    "⬛", "⬜", "⬛️", "⬅️", "🟠", "🟰", "🟫", "🟡\ufe0f", "🃏", "🆎", "🆑", "🆚", "🈁",
    "🈂️", "🈚", "🈯", "🈲", "🈺", "🉐", "🉑", "🀄️", "🀄", "🅰️", "🅱", "🅿️", "🚀", "🚀\ufe0f",
    "🛟", "🛿", "🤖", "🥰", "🧑‍🤝‍🧑", "🫠", "🪐", "🫶🏼", "☀", "☀️", "⚡", "✅", "✨", "✔️",
    "➡️", "⤴️", "〰️", "〽️", "㊗️", "㊙️", "▶️", "◀", "◻️", "⭐", "⭕", "🌍", "🏻", "🏿",
    "\u200d", "\ufe0f", "\ufe0e", "\u20e3", "𝕏", "🀀", "🄰", "🌀", "🗿", "🚶‍♂️‍➡️", "👁️‍🗨️",
    "😀‍😀", "👍\u200d", "\u200d👍", "🔥🔥", "🐈‍⬛", "🧔🏻‍♂️", "🏃🏽‍♀️‍➡️",
    # astral, not emoji for the grammar (split by one-code-unit rules)
    "\U0001F650", "\U0001F800", "\U0001F10D", "\U0001F0A1", "\U0001F22F", "\U0001F7EC", "\U0001F004",
]

EMOTICONS = [
    ":-D", ":D", ":')", ":'-)", ":-)", ":)", ":]", ":-*", ":*", ":^*", ":-P", ":P", ":-Þ", ":Þ",
    ":-b", ":b", ":-(", ":(", ":-[", ":[", ":-/", ":-.", ":/", ":\\", ":L", ":'(", "':-(", ":@",
    ":$", ":-X", ":X", ":-#", ":#", ":-O", ":O",
    "=D", "=]", "=)", "=*", "=P", "=(", "=/", "=\\", "=L", "=$", "=X", "=#",
    ">:)", ">;)", ">:-)", ">=)", ">.<", ">:P", ">:\\", ">;/", ">:(", ">:-(", ">:[", ">:O",
    "':)", "':-)", "'=)", "':D", "':-D", "'=D", "':(", "'=(",
    "O:-)", "O:)", "O;-)", "O=)", "O:-3", "O:3", "O_O",
    "0:-3", "0:3", "0:-)", "0:)", "0;^)", "0;-)",
    ";)", ";-)", ";-]", ";]", ";D", ";^)", ";(", ";-(",
    "*-)", "*)", "*\\0/*", "*\\O/*",
    "B-)", "B)", "B-D", "8)", "8-)", "8-D", "D:", "X-P", "X)", "X-)", "#-)", "#)", "%-)", "%)",
    "(y)", "-___-", "-__-", "-_-", "\\0\\/", "\\O\\/", "</3", "<3",
    # removed in 0.32.0 / near misses
    ":'-(", ">:/", "\\0/", "\\O/", ":-", ":'", "<", "(Y)", "-_", ":))", ":-))", "xD", "XD", ":p",
]

SHORTCODES = [":smile:", ":+1:", ":-1:", ":flag-br:", ":a.b:", ":x:", ":heart:", ":100:",
              ":thumbsup:", ":rocket:", "::", ":x:y:", ":_:", ":a-b_c+d.e:", ":smile", "smile:",
              ":fire::fire:", ":ok_hand::skin-tone-3:", ":white_check_mark:", ":e\u0301:"]

TLDS = ["com", "com", "org", "net", "io", "chat", "co.uk", "com.br", "xyz", "dev", "app", "de",
        "ru", "jp", "local", "localhost", "internal", "test", "example", "invalid", "zz", "qq",
        "abc", "museum", "онлайн", "рф", "中国", "xn--p1ai", "blogspot.com", "github.io",
        "s3.amazonaws.com", "herokuapp.com", "a", "c0m", "co", "COM", "Com", "onion", "arpa",
        "intranet", "corp", "rocket", "lan", "company.internal", "k12.ca.us", "uk", "ck",
        "www.ck", "bd", "er", "mm", "amazon", "llc", "pl", "gov.pl", "tld", "123", "1"]
LABELS = ["rocket", "example", "docs", "www", "a", "x", "my-site", "sub.domain", "a_b", "_x",
          "x-", "-x", "a--b", "1", "123", "münchen", "bücher", "xn--mnchen-3ya", "日本", "ex ample",
          "open.rocket", "go", "chat", "jira.company", "mail", "a1b2", "localhost", "UPPER"]


def w(r):
    x = r.random()
    if x < 0.70:
        return r.choice(ASCII_WORDS)
    if x < 0.88:
        return r.choice(INTL_WORDS)
    if x < 0.95:
        return str(r.randint(0, 10 ** r.randint(1, 6)))
    return "".join(r.choice("abcxyzABCXYZ0123456789") for _ in range(r.randint(1, 12)))


def sp(r):
    return r.choice(SPACES)


def words(r, lo=1, hi=4):
    return " ".join(w(r) for _ in range(r.randint(lo, hi)))


def domain(r, custom=None):
    x = r.random()
    if custom and x < 0.15:
        return r.choice([r.choice(LABELS) + "." + custom, custom, "a.b." + custom])
    if x < 0.12:
        return r.choice(["192.168.0.1", "127.0.0.1", "10.0.0.256", "1.2.3", "1.2.3.4.5", "0.0.0.0",
                         "255.255.255.255", "999.999.999.999", "1234.1.1.1", "8.8.8.8", "01.02.03.04",
                         "[::1]", "2001:db8::1", "1.1.1.1.", "localhost", "LOCALHOST", "localhost.localdomain"])
    parts = [r.choice(LABELS) for _ in range(r.choice([1, 1, 1, 2, 3]))]
    return ".".join(parts) + "." + r.choice(TLDS)


def url(r, custom=None):
    scheme = r.choice(["https://", "https://", "http://", "", "", "", "ftp://", "HTTPS://",
                       "git+ssh://", "a-b+c://", "//", "file:///", "x:", "tel:", "mailto:",
                       "chrome-extension://", "s3://", "a" * 33 + "://", "h://", "https:/", "http:"])
    user = ""
    if r.random() < 0.08:
        user = r.choice(["user@", "user:pass@", "a_b:p$w@", "u+s@", ":@", "@", "us-er:@"])
    host = domain(r, custom)
    port = r.choice([""] * 8 + [":8080", ":0", ":99999", ":", ":3000", ":80a"])
    path = r.choice(["", "", "", "/", "/path/to", "/a_b_c", "/a(b)c", "/(x)", "/a)", "/%20x", "/~user",
                     "/a*b*", "/a.b.", "/é", "/a,b", "/index.html", "/a/b/", "/a-b", "/a=b", "/a|b",
                     "/a[1]", "/a`b", "/a'b", "/!x", "/:x", "/@x", "/a\\b", "/a>b", "/a<b", "/$x", "/a{b}"])
    query = r.choice(["", "", "", "?q=1&x=y", "?a=b.c", "?", "?x=(1)", "?q=a+b"])
    frag = r.choice(["", "", "", "#frag", "#", "#a.b", "#!x"])
    trail = r.choice([""] * 6 + [".", ",", "!", ")", "...", ":", ";", '"', "'", "?", "*", "_", "~", ".)", "%", "=", "(", "]"])
    return scheme + user + host + port + path + query + frag + trail


def email(r, custom=None):
    local = r.choice(["user", "first.last", "a+b", "a_b", "a-b", "o'neil", "a..b", ".a", "a.",
                      "ü", "user%x", "a!b", "x", "1", "a*b", "a/b", "a=b", "a{b}", "a~b", "a`b",
                      "_a", "a__", "名前", "a\u0301", "mail", "a#b", "a|b", "a^b", "a?b", "a$b"])
    pre = "mailto:" if r.random() < 0.15 else ""
    return pre + local + "@" + domain(r, custom) + r.choice(["", "", "", ".", ",", "!", ")", ":"])


def phone(r):
    return "+" + r.choice(["5511912345678", "55 11 91234-5678", "(11)91234-5678", "55-11", "1234",
                           "12345", "(55)123", "55(11)1234", "1-2", "123-", "12-34-56", "(1)-2",
                           "1 (23) 456", "0", "", "+1", "1234567890123456789012", "55.11", "(12",
                           "12)3", str(r.randint(0, 10 ** 12))])


def timestamp(r):
    def d2(lo, hi):
        return "%02d" % r.randint(lo, hi)

    def tz():
        return r.choice(["", "", "+00:00", "-03:00", "+05:30", "+14:00", "-00:00", "+24:00",
                         "+23:59", "+12:60", "Z", "+0530", "-12:00", "+99:99", "+1:00"])

    def field(v_lo, v_hi, bad):
        return d2(v_lo, v_hi) if r.random() < 0.85 else r.choice(bad)

    k = r.random()
    if k < 0.3:
        n = r.choice([10, 10, 10, 10, 9, 11, 1, 13])
        body = "".join(r.choice("0123456789") for _ in range(n))
        if r.random() < 0.3:
            body = r.choice(["1630360800", "0000000000", "9999999999", "2147483647", "2147483648",
                             "4294967296", "1700000000", "0000000001"])
    elif k < 0.7:
        year = r.choice(["2025", "2024", "1970", "1969", "2038", "2100", "0000", "9999", "2000",
                         "1900", "0001", "3000", "1234"])
        month = field(1, 12, ["00", "13", "99", "1"])
        day = field(1, 28, ["00", "29", "30", "31", "32", "99"])
        hh = field(0, 23, ["24", "25", "99"])
        mm = field(0, 59, ["60", "99", "00"])
        ss = field(0, 59, ["60", "99", "00"])
        if r.random() < 0.1:
            month, day = "02", r.choice(["29", "30", "31"])
        if r.random() < 0.05:
            hh, mm, ss = "24", "00", "00"
        ms = r.choice(["", "", ".000", ".500", ".999", ".123", ".1", ".1234"])
        body = "%s-%s-%sT%s:%s:%s%s%s" % (year, month, day, hh, mm, ss, ms, tz())
        if r.random() < 0.05:
            body = body.replace("T", r.choice([" ", "t", ""]), 1)
    else:
        hh = field(0, 23, ["24", "25", "99", "1"])
        mm = field(0, 59, ["60", "99"])
        if r.random() < 0.5:
            body = "%s:%s:%s%s" % (hh, mm, field(0, 59, ["60", "99"]), tz())
        else:
            body = "%s:%s%s" % (hh, mm, tz())
        if r.random() < 0.05:
            body = "24:00" + r.choice(["", "+00:00", ":00+00:00", ":01+00:00"])
    fmt = r.choice(["", "", "", ":t", ":T", ":d", ":D", ":f", ":F", ":R", ":x", ":", ":tt", ":r"])
    end = ">" if r.random() < 0.93 else r.choice(["", " >", ">>", "|x>"])
    pre = "\\" if r.random() < 0.08 else ""
    return pre + "<t:" + body + fmt + end


def color(r):
    n = r.choice([3, 4, 6, 8, 3, 6, 5, 7, 9, 2, 1, 0])
    hexd = "".join(r.choice("0123456789abcdefABCDEF") for _ in range(n))
    if r.random() < 0.1:
        hexd += r.choice(["g", "x", "G", "-", "_"])
    pre = r.choice(["color:#"] * 8 + ["Color:#", "colour:#", "color#", "color: #", "xcolor:#"])
    post = r.choice(["", "", "", " ", ".", ",", "a", "0", ")", ":", "é", "_", "*"])
    return pre + hexd + post


def katex(r):
    body = r.choice(["x^2", "a+b", "\\frac{1}{2}", "\\sum_{i=0}^n i", "E=mc^2", "", " ", "a$b",
                     "a\\$b", "x\ny", "a\\\\b", "\\)", "\\]", "$", "a_b_c", "*x*", "a \\( b",
                     "\\alpha", "1\r\n2", "é", "a|b"])
    o, c = r.choice([("$", "$"), ("$$", "$$"), ("\\(", "\\)"), ("\\[", "\\]"), ("$", ""), ("$$", ""),
                     ("\\(", ""), ("\\[", ""), ("", "$"), ("$", "$$"), ("$$", "$"), ("\\(", "\\]"),
                     ("\\[", "\\)"), ("$", "\\)"), ("\\(", "$")])
    return o + body + c


def mention(r):
    name = r.choice(["user", "alice", "bob.smith", "a_b", "a-b", "x", "日本", "user:server",
                     "user@server", "a__", "a_", "__", "all", "here", "1", "a.b.c", "é", "a.",
                     "a:", "a@", "a:b:c", "a@b@c", "rocket.cat", "user:server.com", "Ñ", "a\u0301b"])
    return r.choice(["@", "@", "@", "@@", "@@@"]) + name


def channel(r):
    return "#" + r.choice(["general", "random", "dev-ops", "a_b", "a.b", "日本", "1", "x", "",
                           "team_backend", "a-", "é", "chan:nel", "a#b", "a__", "a\u0301"])


def escape(r):
    return "\\" + r.choice(list("*_~`#.|\\[]()<>!@:$-+") + ["<t:1630360800>", "\\", "\n"])


def md_link(r, custom=None):
    title = r.choice(["a", "link", "", "**b**", "_i_", "~s~", "a b", "[x]", "a](b", "x] [y",
                      "`c`", ":smile:", "@user", "#chan", "a.b_c_", "abc_def_", "😀", "<t:1630360800>",
                      "![i](u)", "[n](https://x.com)", "a\nb", "a*b", "*a", "a_b", "~a", "||s||",
                      "https://x.com", words(r, 1, 3)])
    target = r.choice([url(r, custom), url(r, custom), phone(r), "", "a b", "x", "../a", "#x",
                       "https://rocket.chat", "https://a.co/(x)", "mailto:a@b.c", "tel:123"])
    form = r.random()
    if form < 0.75:
        return "[" + title + "](" + target + ")"
    if form < 0.85:
        return "[" + title + "] [" + title + "](" + target + ")"
    return r.choice(["[", "]", "](", "[" + title + "]", "[" + title + "](", "(" + target + ")"])


def angle_link(r, custom=None):
    return "<" + r.choice([url(r, custom), phone(r), "x", ""]) + r.choice(["|", "|", "", "||"]) + \
        r.choice(["label", "a b", "", "**b**", "é", ">", "x|y", "a<b"]) + r.choice([">", ">", "", ">>"])


def image(r, custom=None):
    return "![" + r.choice(["a", "", "alt text", "**b**", " a ", "é", "a]b"]) + "](" + \
        r.choice([url(r, custom), "", "x", phone(r)]) + r.choice([")", ")", "", "))"])


def inline_code(r):
    return r.choice(["`", "``", "```"]) + r.choice(["code", "a b", "", "*x*", "`", "a\nb", "x`y", "é", " "]) + \
        r.choice(["`", "`", "``", ""])


def wrapped(r, custom, depth):
    m = r.choice(["*", "**", "_", "__", "~", "~~", "||", "*", "_", "~~"])
    inner = inline_soup(r, custom, r.randint(1, 4), depth + 1, seps=True)
    close = m if r.random() < 0.85 else r.choice(MARKERS)
    pre = r.choice(["", "", "", w(r), " "])
    post = r.choice(["", "", "", w(r), " "])
    return pre + m + inner + close + post


INLINE_KINDS = [
    ("word", 20), ("space", 12), ("marker", 10), ("wrapped", 8), ("punct", 6), ("md_link", 4),
    ("angle_link", 2), ("image", 2), ("mention", 3), ("channel", 3), ("shortcode", 3),
    ("uemoji", 4), ("emoticon", 5), ("timestamp", 3), ("color", 2), ("katex", 3), ("url", 4),
    ("email", 2), ("phone", 2), ("escape", 3), ("code", 2), ("eol", 1),
]


def inline_token(r, custom, depth=0):
    total = sum(x for _, x in INLINE_KINDS)
    x = r.uniform(0, total)
    kind = INLINE_KINDS[-1][0]
    for name, wt in INLINE_KINDS:
        x -= wt
        if x <= 0:
            kind = name
            break
    if kind == "word":
        return w(r)
    if kind == "space":
        return sp(r)
    if kind == "marker":
        return r.choice(MARKERS)
    if kind == "wrapped":
        return wrapped(r, custom, depth) if depth < 3 else w(r)
    if kind == "punct":
        return r.choice(PUNCT)
    if kind == "md_link":
        return md_link(r, custom)
    if kind == "angle_link":
        return angle_link(r, custom)
    if kind == "image":
        return image(r, custom)
    if kind == "mention":
        return mention(r)
    if kind == "channel":
        return channel(r)
    if kind == "shortcode":
        return r.choice(SHORTCODES)
    if kind == "uemoji":
        return r.choice(UNICODE_EMOJI)
    if kind == "emoticon":
        return r.choice(EMOTICONS)
    if kind == "timestamp":
        return timestamp(r)
    if kind == "color":
        return color(r)
    if kind == "katex":
        return katex(r)
    if kind == "url":
        return url(r, custom)
    if kind == "email":
        return email(r, custom)
    if kind == "phone":
        return phone(r)
    if kind == "escape":
        return escape(r)
    if kind == "code":
        return inline_code(r)
    return r.choice(EOLS)


def inline_soup(r, custom, n, depth=0, seps=None):
    if seps is None:
        seps = r.random() < 0.6
    out = []
    for i in range(n):
        if i and seps and r.random() < 0.6:
            out.append(" " if r.random() < 0.85 else sp(r))
        out.append(inline_token(r, custom, depth))
    return "".join(out)


# ---------------------------------------------------------------------------
# Families
# ---------------------------------------------------------------------------

def load_inputs(path, limit=None):
    out = []
    try:
        with open(path, "rb") as f:
            for line in f.read().split(b"\n"):
                if not line.strip():
                    continue
                s = json.loads(line)["input"]
                if s and utf16_len(s) <= MAX_UNITS:
                    out.append(s)
    except OSError:
        pass
    return out


class Pools:
    def __init__(self):
        self.corpus = load_inputs(CORPUS) + load_inputs(BENCH)
        self.refsuite = sorted(set(load_inputs(REFSUITE)))


def customs_of(options):
    if options and options.get("customDomains"):
        return options["customDomains"][0]
    return None


def mutate(r, s, custom, pools):
    """One random edit of a message."""
    n = len(s)
    k = r.random()
    pos = r.randint(0, n)
    if k < 0.30:  # insert a lexeme, often at a word boundary
        if r.random() < 0.6 and n:
            spaces = [i for i, c in enumerate(s) if c in " \n"]
            if spaces:
                pos = r.choice(spaces) + r.choice([0, 1])
        return s[:pos] + inline_token(r, custom) + s[pos:]
    if k < 0.42 and n:  # delete a span
        a = r.randint(0, n - 1)
        return s[:a] + s[a + r.randint(1, 8):]
    if k < 0.50 and n:  # duplicate a span
        a = r.randint(0, n - 1)
        b = min(n, a + r.randint(1, 12))
        return s[:b] + s[a:b] + s[b:]
    if k < 0.60 and n:  # replace one character by a marker / punctuation
        a = r.randint(0, n - 1)
        return s[:a] + r.choice(MARKERS + PUNCT) + s[a + 1:]
    if k < 0.68 and n:  # wrap a word in markers
        toks = s.split(" ")
        i = r.randrange(len(toks))
        m = r.choice(["*", "**", "_", "__", "~", "~~", "||", "`", "$", "\\(", "[", "<"])
        close = {"\\(": "\\)", "[": "](https://x.com)", "<": "|l>"}.get(m, m)
        toks[i] = m + toks[i] + close
        return " ".join(toks)
    if k < 0.74:  # change white space
        return s.replace(" ", sp(r), r.randint(1, 3))
    if k < 0.79:  # line endings
        return s.replace("\n", r.choice(["\r\n", "\r", "\n\n", " \n", "\n "]))
    if k < 0.86:  # prefix a line with a block start
        lines = s.split("\n")
        i = r.randrange(len(lines))
        lines[i] = block_start(r) + lines[i]
        return "\n".join(lines)
    if k < 0.92:  # join with another message
        other = r.choice(pools.corpus) if pools.corpus else w(r)
        return s + r.choice(EOLS + [" "]) + other
    if k < 0.96 and n:  # cut
        return s[: r.randint(1, n)] if r.random() < 0.5 else s[r.randint(0, n - 1):]
    # swap case of a character / change a letter
    if n:
        a = r.randint(0, n - 1)
        return s[:a] + r.choice("aAxX0D8BOP:;") + s[a + 1:]
    return s + w(r)


def gen_corpus(r, custom, pools):
    if not pools.corpus:
        return gen_tokens(r, custom, pools)
    s = r.choice(pools.corpus)
    if r.random() < 0.2:
        return s
    for _ in range(r.choice([1, 1, 1, 2, 2, 3, 5])):
        s = mutate(r, s, custom, pools)
    return s


def gen_refmut(r, custom, pools):
    if not pools.refsuite:
        return gen_tokens(r, custom, pools)
    s = r.choice(pools.refsuite)
    for _ in range(r.choice([1, 1, 2, 3])):
        s = mutate(r, s, custom, pools)
    return s


def gen_tokens(r, custom, pools):
    n = r.choice([1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30, 50, 80, 150])
    return inline_soup(r, custom, n)


CHAR_ALPHABET = (list("*_~`:|<>[]()!\\@#+$-=.,;/'\"%&^?{} ") * 3 + list("aAbBxXDOPLTty0123589:")
                 + ["\n", "\n", "\r", "\t", "\u00a0", "é", "ж", "日", "ع", "\u0301", "\u200d",
                    "\ufe0f", "\ufe0e", "\u20e3", "🏽", "🇧", "🇷", "😀", "👍", "🏴", "\U000e0067",
                    "\U000e007f", "❤", "⌚", "↔", "©", "\u2028", "\u3000", "\x0b", "\x0c", "\ufeff",
                    "\U0001F000", "🚀", "⬛", "🟠", "🈂", "\u2122", "\u24c2", "Þ", "\x00", "\x7f",
                    "\u0660", "\uff10", "𝕏", "ǅ", "\u05d0", "\U0001F650", "\U0001F800", "\U0001F10D",
                    "\U0001F0A1", "\U0001F22F", "\U0001FB00", "\U0001F7EC", "\u0085", "\u180e"])


def gen_chars(r, custom, pools):
    if r.random() < 0.5:
        alphabet = r.sample(CHAR_ALPHABET, r.randint(2, 8))
    else:
        alphabet = CHAR_ALPHABET
    n = min(int(r.expovariate(1 / (20 if r.random() < 0.9 else 150))) + 1, 1500)
    return "".join(r.choice(alphabet) for _ in range(n))


BLOCK_STARTS = ["", "", "", "", "> ", ">", ">\t", "# ", "## ", "### ", "#### ", "##### ", "#", "#\t",
                "- ", "-  ", "* ", "*\t", "- [x] ", "- [ ] ", "- [X] ", "- []", "1. ", "10. ", "007. ",
                "99999999999999999999. ", "1.", "1) ", " - ", "\t* ", "  ", "||", "|", "| a |",
                "$$", "\\[", "---", "***", "___", "```", "+ ", "0. ", None]


def block_start(r):
    b = r.choice(BLOCK_STARTS)
    if b is None:  # an ordered-list number of any length (JS number formatting)
        return "".join(r.choice("0123456789") for _ in range(r.randint(1, 26))) + r.choice([". ", ".\t", ".", ".  "])
    return b


def table_block(r, custom):
    ncol = r.randint(1, 4)

    def row(cells):
        s = "|" + "|".join(cells) + r.choice(["|", "|", "|", "| ", "|x", ""])
        return s

    def cell():
        return r.choice([" " + inline_soup(r, custom, r.randint(1, 3), 2, seps=True) + " ", w(r), "",
                         " ", "\\|", " a\\|b ", "\u00a0x\u00a0", "**b**", "`c`"])

    delim = [r.choice(["-", "---", ":-", "-:", ":-:", " --- ", " :---: ", ":", "", "-x-", " - "])
             for _ in range(r.choice([ncol, ncol, ncol, max(1, ncol - 1), ncol + 1]))]
    lines = [row([cell() for _ in range(ncol)]), row(delim)]
    for _ in range(r.randint(0, 4)):
        lines.append(row([cell() for _ in range(r.choice([ncol, ncol, ncol - 1, ncol + 1]))]))
    if r.random() < 0.1:
        lines[0] = " " + lines[0]
    return r.choice(["\n", "\n", "\r\n"]).join(lines)


def code_block(r, custom):
    lang = r.choice(["", "", "js", "python", "c++", "a b", "x-y.z", "é", "`"])
    body = [r.choice(["code", "  indented", "", "a`", "a``", "``", "`", "```", "x ```", "**no**",
                      inline_soup(r, custom, 3, 3), "\t"]) for _ in range(r.randint(0, 4))]
    eol = r.choice(["\n", "\n", "\r\n"])
    end = r.choice(["```", "```", "```", "``", "", "```x", " ```"])
    return "```" + lang + eol + eol.join(body) + eol + end


def block_line(r, custom):
    k = r.random()
    if k < 0.08:
        return table_block(r, custom)
    if k < 0.15:
        return code_block(r, custom)
    if k < 0.19:
        return r.choice(["---", "----", "  ---  ", "\t---", "--- x", "- - -", "-- -", "___", "***",
                         "-----------", "---\t", " ---"])
    if k < 0.23:
        o, c = r.choice([("||", "||"), ("$$", "$$"), ("\\[", "\\]"), ("||", ""), ("$$", "")])
        inner = "\n".join(inline_soup(r, custom, r.randint(1, 4), 2) for _ in range(r.randint(0, 3)))
        return o + r.choice(["\n", ""]) + inner + r.choice(["\n", ""]) + c
    if k < 0.26:
        return ""
    return block_start(r) + inline_soup(r, custom, r.choice([0, 1, 2, 3, 4, 6]))


def gen_blocks(r, custom, pools):
    n = r.randint(1, 7)
    out = block_line(r, custom)
    for _ in range(n - 1):
        out += r.choice(EOLS) + block_line(r, custom)
    if r.random() < 0.1:
        out += r.choice(EOLS)
    if r.random() < 0.05:
        out = r.choice(EOLS) + out
    return out


def gen_links(r, custom, pools):
    n = r.randint(1, 5)
    toks = []
    for _ in range(n):
        k = r.random()
        if k < 0.45:
            t = url(r, custom)
        elif k < 0.6:
            t = email(r, custom)
        elif k < 0.7:
            t = phone(r)
        elif k < 0.82:
            t = md_link(r, custom)
        elif k < 0.9:
            t = angle_link(r, custom)
        elif k < 0.95:
            t = image(r, custom)
        else:
            t = inline_token(r, custom)
        toks.append(t)
    seps = [" ", " ", " ", "", "\n", ", ", " (", ") ", "_", "*", ":", "\t", "~", "@"]
    out = r.choice(["", "", w(r) + " ", "_", "*", "(", "~", "**", "@"]) + toks[0]
    for t in toks[1:]:
        out += r.choice(seps) + t
    return out + r.choice(["", "", "", " x", ".", "_", "*", ")", "~"])


def gen_timestamps(r, custom, pools):
    n = r.randint(1, 4)
    parts = []
    for _ in range(n):
        k = r.random()
        t = timestamp(r)
        if k < 0.15:
            t = r.choice(["*", "_", "~", "**", "~~", "||", "__"]) + t + r.choice(["*", "_", "~", "**", "~~", "||", "__"])
        elif k < 0.2:
            t = "[" + t + "](https://x.com)"
        parts.append(t)
    return r.choice(["", "", w(r) + " ", "# ", "> ", "- "]) + \
        r.choice([" ", " ", "", "\n", " a "]).join(parts) + r.choice(["", "", " x", "."])


# ---------------------------------------------------------------------------
# Public-suffix hosts: every rule of the list tldts 6.1.86 carries (the
# reference bundles that copy), read from tools/oracle/node_modules.
# ---------------------------------------------------------------------------

TLDTS_TRIE = os.path.join(ROOT, "tools", "oracle", "node_modules", "tldts", "src", "data", "trie.ts")
DUMP_TRIE_JS = r"""
const fs = require('fs');
let src = fs.readFileSync(process.argv[1], 'utf8');
src = src.replace(/export type ITrie[^\n]*\n/, '').replace(/: ITrie/g, '').replace(/export const /g, 'var ');
const m = {};
(new Function('m', src + '\nm.rules = rules; m.exceptions = exceptions;'))(m);
const out = [];
function walk(node, labels, kind) {
  if (node[0]) out.push(kind + '\t' + node[0] + '\t' + labels.slice().reverse().join('.'));
  for (const k in node[1]) { labels.push(k); walk(node[1][k], labels, kind); labels.pop(); }
}
walk(m.rules, [], 'rule'); walk(m.exceptions, [], 'exception');
process.stdout.write(out.join('\n') + '\n');
"""

_SUFFIXES = None


def suffixes():
    """[(kind, 'icann'|'private', suffix)] from the tldts trie; [] when absent."""
    global _SUFFIXES
    if _SUFFIXES is None:
        _SUFFIXES = []
        if os.path.exists(TLDTS_TRIE):
            out = subprocess.run(["node", "-e", DUMP_TRIE_JS, TLDTS_TRIE], stdout=subprocess.PIPE,
                                 check=True).stdout.decode("utf-8")
            for line in out.split("\n"):
                if line:
                    kind, flag, suf = line.split("\t")
                    _SUFFIXES.append((kind, "icann" if flag == "1" else "private", suf))
    return _SUFFIXES


def hosts_for_suffix(r, kind, suf):
    """Host names that end in a public-suffix rule (or are it)."""
    lab = r.choice(["x", "a1", "my-site", "rocket", "exa_mple", "b\u00fccher", "xn--bcher-kva"])
    if kind == "exception":
        return [suf, lab + "." + suf]
    if suf.startswith("*."):
        base = suf[2:]
        return [lab + "." + r.choice(["y", "z9"]) + "." + base, "y." + base]
    out = [lab + "." + suf, suf]
    if r.random() < 0.3:
        out.append(suf.upper() if r.random() < 0.5 else lab.upper() + "." + suf)
    return out


def host_forms(r, host, custom=None):
    f = r.random()
    if f < 0.45:
        return host
    if f < 0.65:
        return r.choice(["https://", "http://", "ftp://", "//", "a+b://"]) + host + r.choice(["", "/", "/p?q=1", ":8080"])
    if f < 0.85:
        return r.choice(["a", "first.last", "x_y", "mailto:u"]) + "@" + host
    return host + r.choice(["/path", ".", ":80", ")", "/a.b", ","])


def gen_psl(r, custom, pools):
    sufs = suffixes()
    if not sufs:
        return gen_links(r, custom, pools)
    out = []
    for _ in range(r.randint(1, 4)):
        kind, _, suf = r.choice(sufs)
        out.append(host_forms(r, r.choice(hosts_for_suffix(r, kind, suf)), custom))
    return r.choice(["", "see ", "*", "_"]) + r.choice([" ", " ", ", ", "\n"]).join(out) + r.choice(["", "", " x", "."])


EMPH_TOKENS = ["*", "*", "**", "_", "_", "__", "~", "~~", " ", " ", " ", "a", "ab", "A1", "x_", "_x", "a_b",
               "[", "]", "(", ")", "](x.com)", "](https://a.co)", "[l](x.com)", "@a", "#a", ":a:", ":smile:",
               "`", "`c`", "<t:1630360800>", "\n", "||", "😀", ":)", "B)", "-_-", "\\*", "\\_", "|", "<",
               "<x.com|l>", "!", "![i](x.com)", "a.com", "_a.com", "a@b.com", "+12345", "$", "é", "\t"]


def gen_emphasis(r, custom, pools):
    """Dense emphasis / link / mention nesting (skip flags, backtracking)."""
    alphabet = EMPH_TOKENS if r.random() < 0.5 else r.sample(EMPH_TOKENS, r.randint(3, 9))
    n = r.choice([3, 4, 5, 6, 8, 10, 12, 16, 24, 40])
    return "".join(r.choice(alphabet) for _ in range(n))


RUN_MARKERS = ["*", "~", "_", "`", "|", "["]
RUN_NEIGHBOURS = ["", " ", "  ", "\t", "\n", "\r\n", "a", "ab c", "x_", "@u", "#c", "\\0/*", "-)", ".", ".com",
                  "://x.co", "/", ":", ":)", "@", "localhost", "😀", "️⃣", "é", "*", "_", "~", "`", "|"]


def gen_runs(r, custom, pools):
    """Runs of one marker (`*`, `~`, `_`, backtick, `|`, `[`), short and
    long, between neighbours that may start or close a rule at the run's
    ends (the line loop takes most of a run as text at once)."""
    parts = [r.choice(["", "", "a ", "\n", "- ", "> ", "|"])]
    for _ in range(r.randint(1, 4)):
        m = r.choice(RUN_MARKERS)
        parts.append(m * r.choice([1, 2, 3, 4, 5, 6, 7, 8, 12, 30]))
        parts.append(r.choice(RUN_NEIGHBOURS))
        if r.random() < 0.3:
            parts.append(r.choice(EMPH_TOKENS))
    return "".join(parts)


BIG_ITEMS = [":smile:", ":+1:", ":x:", "😀", "👍🏽", "🇧🇷", "1️⃣", "❤️", "👨‍👩‍👧", ":)", ":D", "<3", ";)", "B)",
             "(y)", "-_-", "*\\0/*", ":'(", "D:", "8)", "a", ":", ":smile", "**", "©️", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "⌚"]


def gen_bigemoji(r, custom, pools):
    """One to four emoji / emoticons with blanks and line breaks between them (BigEmoji, joinEmoji)."""
    seps = ["", " ", " ", "  ", "\t", "\n", "\r\n", "\n\n", " \n", "\u00a0"]
    out = r.choice(["", "", "", " ", "\n", "\t"])
    for i in range(r.choice([1, 1, 2, 2, 3, 3, 4])):
        if i:
            out += r.choice(seps)
        out += r.choice(BIG_ITEMS)
    return out + r.choice(["", "", "", " ", "\n", "\t", " x"])


CONTEXTS = [
    "{x}", "{x}", "*{x}*", "**{x}**", "_{x}_", "__{x}__", "~{x}~", "~~{x}~~", "||{x}||", "[{x}](https://x.com)",
    "# {x}", "#### {x}", "> {x}", "- {x}", "* {x}", "- [ ] {x}", "1. {x}", "| {x} |\n|-|", "|a|\n|-|\n| {x} |",
    "||\n{x}\n||", "a {x} b", "x{x}y", "_a{x}_b", "*a {x}*", "~~a {x} ~~", "[a {x}](https://x.com)",
    "*_{x}_*", "_*{x}*_", "~~_{x}_~~", "**~~{x}~~**", "_{x}_b", "__{x}__b", "*{x}_b_*", "~~{x}_b_~~",
    "[_{x}_b](https://x.com)", "# _{x}_b", "| _{x}_b |\n|-|", "||_{x}_b||", "> _{x}_b", "- _{x}_b",
]

CONTEXT_ITEMS = [" ", " ", "a", "b c", ":smile:", ":x:", ":)", ":(", ";)", "B)", "<3", "😀", "👍🏽", "🇧🇷",
                 "`c`", "*b*", "**b**", "_i_", "~s~", "@u", "#c", "[l](x.com)", "x.com", "a@b.com",
                 "<t:1630360800>", "\t", "\u00a0", "-_-", ":a:", "::", "x_y", "_", "*", "~", "|", "\\*",
                 "$x$", "\\(y\\)", "color:#fff", "+1234567", "||s||", "![i](x.com)", "<x.com|l>"]


def gen_contexts(r, custom, pools):
    """An inline soup (emoji-heavy) inside a container: paragraph, bold,
    italic (incl. the `_..._word` forms that return arrays), strike, link
    title, heading, list item, table cell, quote, spoiler."""
    if r.random() < 0.6:
        x = "".join(r.choice(CONTEXT_ITEMS) for _ in range(r.randint(1, 7)))
    else:
        x = inline_soup(r, custom, r.randint(1, 5), 2)
    out = r.choice(CONTEXTS).replace("{x}", x)
    if r.random() < 0.3:
        out = r.choice(CONTEXTS).replace("{x}", out)
    return out


OPENERS = ["*", "_", "~", "[", "||", "**", "__", "~~", "![", "<", "`", "$", "\\(", ":", "<t:", "](", "|", "#",
           "@", "\\", "+", "(", "*_", "_*", "~*", "[*", "[_", "- ", "\n"]


def gen_long(r, custom, pools):
    """Long messages: runs of unclosed openers (where the reference rescans the
    rest of the line from every marker) followed by content with closers,
    and concatenations of other families' cases."""
    parts = []
    if r.random() < 0.6:
        ops = OPENERS if r.random() < 0.4 else r.sample(OPENERS, r.randint(1, 4))
        for _ in range(r.randint(5, 80)):
            parts.append(r.choice(ops))
            if r.random() < 0.5:
                parts.append(r.choice([" ", w(r), w(r) + " ", "", ""]))
    while utf16_len("".join(parts)) < r.choice([200, 400, 800, 1500]):
        fam = r.choice([gen_tokens, gen_emphasis, gen_contexts, gen_links, gen_chars, gen_corpus])
        parts.append(fam(r, custom, pools))
        parts.append(r.choice([" ", " ", "", "\n", " \n"]))
    return "".join(parts)


FAMILIES = [
    ("corpus", 25, gen_corpus),
    ("refmut", 10, gen_refmut),
    ("tokens", 25, gen_tokens),
    ("chars", 15, gen_chars),
    ("blocks", 15, gen_blocks),
    ("links", 6, gen_links),
    ("timestamps", 4, gen_timestamps),
    ("psl", 4, gen_psl),
    ("emphasis", 12, gen_emphasis),
    ("bigemoji", 4, gen_bigemoji),
    ("contexts", 12, gen_contexts),
    ("long", 3, gen_long),
    ("runs", 4, gen_runs),
]


# ---------------------------------------------------------------------------
# Sweeps: deterministic, exhaustive case lists (--sweep NAME)
# ---------------------------------------------------------------------------

def sweep_psl(r):
    """Every public-suffix rule of the tldts list, as bare host, URL and
    e-mail address, 8 hosts to a message."""
    items = []
    for kind, _, suf in suffixes():
        for h in hosts_for_suffix(r, kind, suf):
            items.append(h)
    items += ["x." + t for t in ("notatld", "zzz", "example", "invalid", "local", "onion", "internal",
                                 "localhost", "test", "intranet", "corp", "lan", "home.arpa", "alt")]
    out = []
    for form in range(3):
        for i in range(0, len(items), 8):
            chunk = items[i:i + 8]
            if form == 0:
                text = " ".join(chunk)
            elif form == 1:
                text = " ".join("https://" + h + "/p" for h in chunk)
            else:
                text = " ".join("user@" + h for h in chunk)
            if form == 0 and (i // 8) % 4 == 3:
                out.append(("psl-sweep", "domains", {"input": text, "options": {"customDomains": ["intranet", "lan"]}}))
            else:
                out.append(("psl-sweep", "none", {"input": text}))
    return out


CODEPOINT_CONTEXTS = [
    # (name, template with {c}, options set name)
    ("mention", "@a{c}b", "none"),
    ("mention0", "@{c}x", "none"),
    ("channel", "#a{c}b", "none"),
    ("channel0", "#{c}", "none"),
    ("email-local", "a{c}b@x.com", "none"),
    ("email-local0", "{c}@x.com", "none"),
    ("domain", "x{c}y.com", "none"),
    ("url-body", "https://x.com/a{c}b", "none"),
    ("emph-user", "*a{c}@b*", "none"),
    ("emph-chan", "_a{c}#b_", "none"),
    ("strike", "~~a{c}b@c~~", "emoticons"),
    ("emoji", "a {c} b", "none"),
    ("emoji-vs", "a {c}\ufe0f b", "none"),
    ("emoji-skin", "x{c}\U0001F3FD\u200d{c}", "none"),
    ("trim", "a{c}:smile:{c}b", "none"),
    ("emoticon", "x{c}:){c}", "emoticons"),
    ("table", "|{c}a{c}|\n|-|", "none"),
    ("angle", "<https://x.com/{c}|a{c}>", "none"),
    ("italic", "_a{c}_b", "none"),
    ("host-upper", "HTTP://X{c}.COM", "none"),
    # a character next to a shortcode / emoticon: the emoji-neighbour rule
    # shows how the rule in force split or took the character
    # (the NBSP is blank for trim() but no rule's run stops at it)
    ("strike-emoji", "~~{c}\u00a0:a:~~", "none"),
    ("strike-emoji2", "~~:a:\u00a0{c}~~", "none"),
    ("strike-emoticon", "~~{c}\u00a0:)\u00a0~~", "emoticons"),
    ("bold-emoji", "*{c}\u00a0:a:*", "none"),
    ("italic-emoji", "_{c}\u00a0:a:_", "none"),
    ("title-emoji", "[{c}\u00a0:a:](x.com)", "none"),
    ("para-emoji", "{c}\u00a0:a:", "none"),
    ("cell-emoji", "|{c}\u00a0:a:|\n|-|", "none"),
]


def sweep_codepoints(r):
    """Every BMP code point (and the emoji-relevant astral planes) in
    templates that probe one character class each, 16 to a message."""
    cps = [c for c in range(1, 0x10000) if not (0xD800 <= c <= 0xDFFF)]
    cps += list(range(0x1F000, 0x1FB00)) + list(range(0xE0000, 0xE0080))
    cps += [0x10000, 0x10400, 0x1D400, 0x1D54F, 0x20000, 0x2A6D6, 0x2F800, 0xF0000, 0x10FFFD, 0x1E900, 0x16F00]
    out = []
    for name, tpl, optname in CODEPOINT_CONTEXTS:
        opts = dict((n, b) for n, _, b in OPTION_SETS)[optname](r)
        for i in range(0, len(cps), 16):
            joiner = "\n" if name.startswith(("table", "cell")) else " "
            text = joiner.join(tpl.replace("{c}", chr(c)) for c in cps[i:i + 16] if chr(c) not in "\n\r")
            case = {"input": text}
            if opts is not None:
                case["options"] = opts
            out.append(("cp-" + name, optname, case))
    return out


SWEEPS = {"psl": sweep_psl, "codepoints": sweep_codepoints}


def make_case(r, family_fn, pools):
    optname, options = pick_options(r)
    custom = customs_of(options)
    if custom is None and r.random() < 0.1:
        custom = r.choice(["intranet", "corp", "local"])
    s = ""
    while not s:
        s = clip(family_fn(r, custom, pools))
    case = {"input": s}
    if options is not None:
        case["options"] = options
    if "<t:" in s:
        case["now"] = r.choice(NOWS)
    return optname, case


# ---------------------------------------------------------------------------
# Running both parsers
# ---------------------------------------------------------------------------

def case_line(case):
    return json.dumps(case, ensure_ascii=False, separators=(",", ":"))


def case_key(case):
    return (case["input"], json.dumps(case.get("options"), sort_keys=True), case.get("now"))


def run_oracle(cases, jobs):
    """Returns for each case the raw bytes of its `expected` tree, or None
    when the oracle threw (then the error text is in the second list)."""
    if not cases:
        return [], []
    parts = []
    jobs = max(1, min(jobs, len(cases) // 200 + 1))
    step = (len(cases) + jobs - 1) // jobs
    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        for j in range(jobs):
            chunk = cases[j * step:(j + 1) * step]
            if not chunk:
                continue
            path = os.path.join(tmp, "in%d.jsonl" % j)
            with open(path, "w", encoding="utf-8") as f:
                for c in chunk:
                    f.write(case_line(c) + "\n")
            out = open(os.path.join(tmp, "out%d.jsonl" % j), "wb")
            procs.append((subprocess.Popen(["node", ORACLE, path], stdout=out), out, len(chunk)))
        for p, out, n in procs:
            rc = p.wait()
            out.close()
            if rc != 0:
                sys.exit("oracle failed (exit %d)" % rc)
        for j in range(len(procs)):
            with open(os.path.join(tmp, "out%d.jsonl" % j), "rb") as f:
                parts.extend(l for l in f.read().split(b"\n") if l.strip())
    if len(parts) != len(cases):
        sys.exit("oracle returned %d lines for %d cases" % (len(parts), len(cases)))
    expected, errors = [], []
    for c, line in zip(cases, parts):
        text = line.decode("utf-8")
        i = text.rfind(',"expected":')
        if i >= 0 and text.endswith("}"):
            expected.append(text[i + len(',"expected":'):-1].encode("utf-8"))
            errors.append(None)
        else:
            expected.append(None)
            errors.append(json.loads(text).get("error", "no output"))
        if json.loads(text)["input"] != c["input"]:
            sys.exit("oracle output out of order")
    return expected, errors


def _chatmark_once(cases, timeout):
    data = "".join(case_line(c) + "\n" for c in cases).encode("utf-8")
    try:
        p = subprocess.run([CHATMARK, "parse", "--jsonl"], input=data, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout after %ss" % timeout
    lines = p.stdout.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if p.returncode not in (0, 1) or len(lines) != len(cases):
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, "exit %s: %s" % (p.returncode, err[-1][:200] if err else "")
    return lines, None


def run_chatmark(cases, timeout=60, failures=None):
    """chatmark's line for each case; None (and an entry in `failures`) for a
    case on which chatmark crashes or times out: found by bisection."""
    if not cases:
        return []
    lines, err = _chatmark_once(cases, timeout)
    if lines is not None:
        return lines
    if len(cases) == 1:
        if failures is not None:
            failures.append((cases[0], err))
        return [None]
    mid = len(cases) // 2
    sub = 60 if len(cases) <= 2 else 10
    return run_chatmark(cases[:mid], sub, failures) + run_chatmark(cases[mid:], sub, failures)


def compare(cases, jobs, failures=None):
    """For each case: (same?, expected raw, got raw or None, oracle error)."""
    expected, errors = run_oracle(cases, jobs)
    got = run_chatmark(cases, 60, failures)
    out = []
    for e, err, g in zip(expected, errors, got):
        if g is None:
            out.append((None, e, g, err))  # not comparable (chatmark failure)
        else:
            out.append((e is not None and e == g, e, g, err))
    return out


# ---------------------------------------------------------------------------
# Minimization
# ---------------------------------------------------------------------------

def option_variants(case):
    out = []
    opts = case.get("options")
    if opts is not None:
        c = dict(case)
        del c["options"]
        out.append(c)
        for k in list(opts) if len(opts) > 1 else []:
            o = dict(opts)
            del o[k]
            c = dict(case)
            c["options"] = o
            out.append(c)
        kat = opts.get("katex")
        if isinstance(kat, dict):
            for k in list(kat):
                kk = dict(kat)
                del kk[k]
                o = dict(opts)
                o["katex"] = kk
                c = dict(case)
                c["options"] = o
                out.append(c)
        cd = opts.get("customDomains")
        if isinstance(cd, list) and len(cd) > 1:
            for i in range(len(cd)):
                o = dict(opts)
                o["customDomains"] = cd[:i] + cd[i + 1:]
                c = dict(case)
                c["options"] = o
                out.append(c)
    return out


def with_input(case, s):
    c = dict(case)
    c["input"] = s
    if "<t:" not in s:
        c.pop("now", None)
    return c


def candidates(case, gran, cap):
    """Smaller variants of a case: option drops, chunk removals of size
    n/gran (and finer while the candidate count stays under `cap`)."""
    s = case["input"]
    n = len(s)
    out = option_variants(case)
    for a, b in (("\r\n", "\n"), ("\r", "\n"), ("\t", " "), ("\u00a0", " ")):
        if a in s:
            out.append(with_input(case, s.replace(a, b)))
    seen = set()
    g = gran
    while True:
        k = max(1, n // g)
        if k in seen:
            break
        seen.add(k)
        for start in range(0, n, k):
            t = s[:start] + s[start + k:]
            if t:
                out.append(with_input(case, t))
        if k == 1 or len(out) >= cap:
            break
        g *= 2
    return out, k


def size(case):
    return (len(case["input"]), len(json.dumps(case.get("options"))), 1 if "now" in case else 0)


def shrink(cases, jobs, max_rounds=80, cap=400, log=None):
    """Greedy delta debugging of many differing cases at once; every round
    asks the oracle about all candidates of all cases in one batch."""
    state = [{"case": c, "gran": 2, "done": False} for c in cases]
    for rnd in range(max_rounds):
        batch, owner = [], []
        for i, st in enumerate(state):
            if st["done"]:
                continue
            cands, finest = candidates(st["case"], st["gran"], cap)
            st["finest"] = finest
            for c in cands:
                batch.append(c)
                owner.append(i)
        if not batch:
            break
        if log:
            log("  shrink round %d: %d active cases, %d candidates" %
                (rnd + 1, sum(1 for s in state if not s["done"]), len(batch)))
        res = compare(batch, jobs)
        best = {}
        for c, i, (same, e, g, err) in zip(batch, owner, res):
            if same is False and e is not None:
                if i not in best or size(c) < size(best[i]):
                    best[i] = c
        for i, st in enumerate(state):
            if st["done"]:
                continue
            if i in best and size(best[i]) < size(st["case"]):
                st["case"] = best[i]
                st["gran"] = max(2, st["gran"] // 2)
            elif st["finest"] == 1:
                st["done"] = True
            else:
                st["gran"] *= 2
    return [st["case"] for st in state]


# ---------------------------------------------------------------------------
# Recording
# ---------------------------------------------------------------------------

def read_jsonl_bytes(path):
    try:
        with open(path, "rb") as f:
            return [l for l in f.read().split(b"\n") if l.strip()]
    except OSError:
        return []


def fixture_keys():
    keys = set()
    for name in sorted(os.listdir(FIXDIR)) if os.path.isdir(FIXDIR) else []:
        if name.endswith(".jsonl"):
            for l in read_jsonl_bytes(os.path.join(FIXDIR, name)):
                keys.add(case_key(json.loads(l)))
    return keys


def known_inputs():
    out = []
    try:
        with open(KNOWN, encoding="utf-8") as f:
            for l in f.read().split("\n"):
                if l.strip() and not l.startswith("#"):
                    out.append(json.loads(l))
    except OSError:
        pass
    return out


KNOWN_HEADER = ("# Inputs of tests/fixtures/oracle/*.jsonl cases that chatmark does not parse like the\n"
                "# reference yet (one JSON string per line). tests/oracle_regressions.rs skips them and\n"
                "# fails when a listed input passes for all its cases. Maintained by scripts/difftest.py.\n")


def write_known(inputs):
    os.makedirs(FIXDIR, exist_ok=True)
    seen, lines = set(), []
    for s in inputs:
        if s not in seen:
            seen.add(s)
            lines.append(json.dumps(s, ensure_ascii=False))
    with open(KNOWN, "w", encoding="utf-8") as f:
        f.write(KNOWN_HEADER + "".join(l + "\n" for l in lines))


def record(cases_with_expected, note_failures):
    """Appends new (case, expected raw) pairs to regressions.jsonl and their
    inputs to known-differences.txt. Returns the number of new cases."""
    os.makedirs(FIXDIR, exist_ok=True)
    have = fixture_keys()
    new = []
    for case, exp in cases_with_expected:
        k = case_key(case)
        if k in have:
            continue
        have.add(k)
        new.append((case, exp))
    if new:
        with open(REGRESSIONS, "ab") as f:
            for case, exp in new:
                f.write(case_line(case)[:-1].encode("utf-8") + b',"expected":' + exp + b"}\n")
        write_known(known_inputs() + [c["input"] for c, _ in new])
    if note_failures:
        old = set()
        try:
            with open(FAILURES, encoding="utf-8") as f:
                old = set(l for l in f.read().split("\n") if l.strip() and not l.startswith("#"))
        except OSError:
            pass
        add = []
        for case, err in note_failures:
            line = case_line({**case, "chatmark": err})
            if line not in old:
                old.add(line)
                add.append(line)
        if add:
            fresh = not os.path.exists(FAILURES)
            with open(FAILURES, "a", encoding="utf-8") as f:
                if fresh:
                    f.write("# Cases on which chatmark crashed or timed out (scripts/difftest.py); not run by cargo test.\n")
                for l in add:
                    f.write(l + "\n")
    return len(new)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def recheck(update):
    cases, exps = [], []
    for name in sorted(os.listdir(FIXDIR)):
        if name.endswith(".jsonl"):
            for l in read_jsonl_bytes(os.path.join(FIXDIR, name)):
                t = l.decode("utf-8")
                i = t.rfind(',"expected":')
                c = json.loads(t)
                c.pop("expected", None)
                cases.append(c)
                exps.append(t[i + len(',"expected":'):-1].encode("utf-8"))
    failures = []
    got = run_chatmark(cases, 60, failures)
    failing = {}
    for c, e, g in zip(cases, exps, got):
        failing.setdefault(c["input"], False)
        if g != e:
            failing[c["input"]] = True
    known = known_inputs()
    bad = [s for s, f in failing.items() if f]
    print("fixture cases: %d, inputs: %d, inputs with a difference: %d, listed as known: %d" %
          (len(cases), len(failing), len(bad), len(known)))
    newly_ok = [s for s in known if not failing.get(s, False)]
    unlisted = [s for s in bad if s not in set(known)]
    print("listed but now passing: %d; differing but not listed: %d" % (len(newly_ok), len(unlisted)))
    if update:
        write_known([s for s in known if failing.get(s, False)] + unlisted)
        print("rewrote", os.path.relpath(KNOWN, ROOT))


def batches(args):
    """Lists of ((family, option set), case), at most --batch long."""
    if args.cases:
        tagged = []
        for l in read_jsonl_bytes(args.cases):
            c = json.loads(l)
            tag = (c.get("family") or os.path.basename(args.cases), c.get("optset") or
                   ("none" if c.get("options") is None else "given"))
            tagged.append((tag, {k: c[k] for k in ("input", "options", "now") if k in c}))
        for i in range(0, len(tagged), args.batch):
            yield tagged[i:i + args.batch]
        return
    r = random.Random(args.seed)
    if args.sweep:
        tagged = [((fam, opt), case) for fam, opt, case in SWEEPS[args.sweep](r)]
        for i in range(0, len(tagged), args.batch):
            yield tagged[i:i + args.batch]
        return
    fams = [f for f in FAMILIES if f[0] in args.families.split(",")]
    if not fams:
        sys.exit("no such family")
    pools = Pools()
    total_w = sum(f[1] for f in fams)
    seen_keys = set()
    done = 0
    while done < args.count:
        n = min(args.batch, args.count - done)
        tagged = []
        while len(tagged) < n:
            x = r.uniform(0, total_w)
            fam = fams[-1]
            for f in fams:
                x -= f[1]
                if x <= 0:
                    fam = f
                    break
            optname, case = make_case(r, fam[2], pools)
            k = case_key(case)
            if k in seen_keys:
                continue
            seen_keys.add(k)
            tagged.append(((fam[0], optname), case))
        done += n
        yield tagged


def pick_for_shrinking(diffs, limit, seed):
    """Up to `limit` differing cases, round-robin over (family, option set),
    shortest first within each."""
    groups = collections.defaultdict(list)
    for tag, c, e, _, _ in diffs:
        if e is not None:
            groups[tag].append((c, e))
    for g in groups.values():
        g.sort(key=lambda ce: len(ce[0]["input"]))
    out, i = [], 0
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    while len(out) < limit and any(i < len(groups[k]) for k in keys):
        for k in keys:
            if i < len(groups[k]) and len(out) < limit:
                out.append(groups[k][i])
        i += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chatmark", help="chatmark binary (default: $CHATMARK or target/release/chatmark)")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=2, help="parallel oracle processes")
    ap.add_argument("--families", default=",".join(f for f, _, _ in FAMILIES))
    ap.add_argument("--sweep", choices=sorted(SWEEPS), help="run a deterministic sweep instead of random cases")
    ap.add_argument("--cases", help="compare the cases of this JSONL file instead of generating")
    ap.add_argument("--no-record", action="store_true", help="do not write fixtures")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--max-shrink", type=int, default=150,
                    help="differing cases minimized per run (the rest are recorded as found, up to --max-raw)")
    ap.add_argument("--max-raw", type=int, default=50, help="unminimized differing cases recorded per run")
    ap.add_argument("--dump", help="write every differing case (with chatmark's tree) to this JSONL file")
    ap.add_argument("--report", help="write the parity numbers as JSON to this file")
    ap.add_argument("--recheck", action="store_true",
                    help="run chatmark over tests/fixtures/oracle/*.jsonl and report the known differences")
    ap.add_argument("--update-known", action="store_true", help="with --recheck: rewrite known-differences.txt")
    args = ap.parse_args()
    global CHATMARK
    if args.chatmark:
        CHATMARK = os.path.abspath(args.chatmark)

    if not os.path.exists(CHATMARK):
        sys.exit("build chatmark first: cargo build --release")
    if args.recheck:
        recheck(args.update_known)
        return

    stats = collections.defaultdict(lambda: [0, 0, 0])  # (family, opt) -> same, diff, failed
    diffs, failures = [], []
    t0 = time.time()
    done = 0
    for tagged in batches(args):
        cases = [c for _, c in tagged]
        batch_fail = []
        res = compare(cases, args.jobs, batch_fail)
        failures.extend(batch_fail)
        for (tag, case), (same, e, g, err) in zip(tagged, res):
            st = stats[tag]
            if same is None:
                st[2] += 1
            elif same:
                st[0] += 1
            else:
                st[1] += 1
                diffs.append((tag, case, e, g, err))
        done += len(cases)
        print("%d cases, %d differ, %d chatmark failures, %.0fs" %
              (done, len(diffs), len(failures), time.time() - t0), file=sys.stderr)

    print_stats(stats)
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"%s|%s" % k: v for k, v in stats.items()}, f, indent=1)
    if args.dump and diffs:
        with open(args.dump, "a", encoding="utf-8") as f:
            for tag, case, e, g, err in diffs:
                f.write(json.dumps({"family": tag[0], "optset": tag[1], **case,
                                    "expected": json.loads(e) if e else err,
                                    "got": g.decode("utf-8")}, ensure_ascii=False) + "\n")
    for case, err in failures:
        print("chatmark failure (%s): %s" % (err, case_line(case)[:300]))

    if not diffs and not failures:
        return
    comparable = [(c, e) for _, c, e, _, _ in diffs if e is not None]
    to_record = []
    if not args.no_shrink and comparable:
        sel = pick_for_shrinking(diffs, args.max_shrink, args.seed)
        print("minimizing %d of %d differing cases..." % (len(sel), len(comparable)), file=sys.stderr)
        small = shrink([c for c, _ in sel], args.jobs, log=lambda m: print(m, file=sys.stderr))
        uniq = {}
        for c in small:
            uniq.setdefault(case_key(c), c)
        small = list(uniq.values())
        res = compare(small, args.jobs)
        for c, (same, e, g, err) in zip(small, res):
            if same is False and e is not None:
                to_record.append((c, e))
                print("minimal: %s" % case_line(c)[:400])
    to_record.extend(pick_for_shrinking(diffs, args.max_raw, args.seed + 1))
    if not args.no_record:
        added = record(to_record, failures)
        print("recorded %d new regression cases in %s" % (added, os.path.relpath(REGRESSIONS, ROOT)))


def print_stats(stats):
    def table(title, key_fn):
        agg = collections.defaultdict(lambda: [0, 0, 0])
        for k, v in stats.items():
            a = agg[key_fn(k)]
            for i in range(3):
                a[i] += v[i]
        print("\n%-16s %9s %9s %7s %7s" % (title, "cases", "same", "differ", "failed"))
        tot = [0, 0, 0]
        for k in sorted(agg):
            v = agg[k]
            print("%-16s %9d %9d %7d %7d" % (k, sum(v), v[0], v[1], v[2]))
            for i in range(3):
                tot[i] += v[i]
        print("%-16s %9d %9d %7d %7d" % ("total", sum(tot), tot[0], tot[1], tot[2]))

    table("family", lambda k: k[0])
    table("options", lambda k: k[1])


if __name__ == "__main__":
    main()
