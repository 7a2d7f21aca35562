//! `chatmark parse` from outside: the command the project is checked with.
//! Every line gets exactly one answer, in order; a bad line gets an error in
//! its place and never a partial tree; nothing makes the process die.

mod common;

use chatmark::{Options, parse, wire};

/// The tree chatmark's library gives, as the CLI should print it.
fn tree_json(text: &str, options_json: &str, now: Option<&str>) -> String {
    let mut opts = Options::from_json(options_json).unwrap();
    if let Some(now) = now {
        opts.now = Some(chatmark::parse::iso_to_ms(now).unwrap());
    }
    wire::to_string(&parse(text, &opts))
}

fn error_of(line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).expect("each output line is JSON");
    let obj = v
        .as_object()
        .unwrap_or_else(|| panic!("an error line is an object: {line}"));
    assert_eq!(obj.len(), 1, "an error line has one key: {line}");
    obj["error"].as_str().expect("error is a string").to_owned()
}

#[test]
fn jsonl_answers_every_line_in_order_with_its_own_options() {
    let cases = [
        (r#"{"input":"**hi** :)"}"#, "hi", "{}", None),
        (
            r#"{"input":"**hi** :)","options":{"emoticons":true}}"#,
            "",
            r#"{"emoticons":true}"#,
            None,
        ),
        (
            r#"{"input":"color:#f00 $x$","options":{"colors":true,"katex":{"dollarSyntax":true}}}"#,
            "",
            r#"{"colors":true,"katex":{"dollarSyntax":true}}"#,
            None,
        ),
        (
            r#"{"input":"see a.mydomain","options":{"customDomains":["mydomain"]}}"#,
            "",
            r#"{"customDomains":["mydomain"]}"#,
            None,
        ),
        (
            r#"{"input":"<t:1700000000:R> and <t:10:00>","now":"2026-11-22T10:00:00Z"}"#,
            "",
            "{}",
            Some("2026-11-22T10:00:00Z"),
        ),
        (r#"{"input":"a\r\nb","options":null}"#, "", "{}", None),
    ];
    let input: String = cases.iter().map(|c| format!("{}\n", c.0)).collect();
    let run = common::chatmark(&["parse", "--jsonl"], &input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), cases.len(), "{}", run.stdout);
    for (line, (case, _, opts, now)) in lines.iter().zip(&cases) {
        let v: serde_json::Value = serde_json::from_str(case).unwrap();
        let text = v["input"].as_str().unwrap();
        assert_eq!(*line, tree_json(text, opts, *now), "case {case}");
    }
    // The options really differ per line: emoticons on and off.
    assert_ne!(lines[0], lines[1]);
    assert!(
        lines[1].contains(r#""shortCode":"slight_smile""#),
        "{}",
        lines[1]
    );
}

#[test]
fn jsonl_bad_lines_get_an_error_in_place_and_the_run_goes_on() {
    // (line bytes, words the error must contain)
    let bad: Vec<(Vec<u8>, &str)> = vec![
        (b"not json".to_vec(), "expected"),
        (br#"{"input":"a""#.to_vec(), "EOF"),
        (br#"{"input":"a"} trailing"#.to_vec(), "trailing"),
        (br#"{"input":1}"#.to_vec(), "invalid type"),
        (br#"{"text":"a"}"#.to_vec(), "missing field `input`"),
        (br#"["a"]"#.to_vec(), "a case is a JSON object"),
        (
            br#"{"input":"a","options":{"colors":"yes"}}"#.to_vec(),
            "options",
        ),
        (
            br#"{"input":"a","options":{"emoji":true}}"#.to_vec(),
            "unknown field `emoji`",
        ),
        (
            br#"{"input":"a","options":{"katex":{"dollarSyntax":1}}}"#.to_vec(),
            "options",
        ),
        (
            br#"{"input":"a","options":{"customDomains":"x.io"}}"#.to_vec(),
            "options",
        ),
        (br#"{"input":"a","options":[]}"#.to_vec(), "options"),
        (br#"{"input":"a","now":"yesterday"}"#.to_vec(), "now"),
        (
            br#"{"input":"a","now":"2026-13-45T00:00:00Z"}"#.to_vec(),
            "now",
        ),
        (br#"{"input":"a","now":17000}"#.to_vec(), "invalid type"),
        (br#"{"input":"a\ud800b"}"#.to_vec(), "lone UTF-16 surrogate"),
        (br#"{"input":"\udc00"}"#.to_vec(), "lone UTF-16 surrogate"),
        (b"{\"input\":\"\xff\"}".to_vec(), "not UTF-8"),
        (b"".to_vec(), "EOF"),
    ];
    let good = r#"{"input":"ok"}"#;
    let mut input = Vec::new();
    for (line, _) in &bad {
        input.extend_from_slice(line);
        input.push(b'\n');
        input.extend_from_slice(good.as_bytes());
        input.push(b'\n');
    }
    let run = common::chatmark(&["parse", "--jsonl"], &input);
    assert_eq!(run.code, 1, "a bad line makes the exit status 1");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2 * bad.len(), "{}", run.stdout);
    let ok = tree_json("ok", "{}", None);
    for (i, (line, words)) in bad.iter().enumerate() {
        let n = 2 * i + 1;
        let err = error_of(lines[2 * i]);
        assert!(
            err.starts_with(&format!("line {n}: ")) && err.contains(words),
            "line {n} ({}): {err}",
            String::from_utf8_lossy(line)
        );
        assert_eq!(lines[2 * i + 1], ok, "the good line after line {n}");
    }
}

#[test]
fn jsonl_valid_surrogate_pairs_and_crlf_lines_read() {
    let input = "{\"input\":\"\\ud83d\\ude00\"}\r\n{\"input\":\"a\"}\r\n";
    let run = common::chatmark(&["parse", "--jsonl"], input);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [tree_json("😀", "{}", None), tree_json("a", "{}", None)]
    );
}

#[test]
fn jsonl_survives_huge_and_deep_lines() {
    let stars = "*".repeat(1_000_000);
    let quotes = ">".repeat(200_000);
    let nested_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({ "input": stars }),
        serde_json::json!({ "input": quotes }),
        nested_json
    );
    let run = common::chatmark(&["parse", "--jsonl"], &input);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], tree_json(&stars, "{}", None));
    assert_eq!(lines[1], tree_json(&quotes, "{}", None));
    assert!(error_of(lines[2]).starts_with("line 3: "), "{}", lines[2]);
    assert_eq!(run.code, 1);
}

#[test]
fn single_message_from_argument_or_stdin_with_flags() {
    let run = common::chatmark(&["parse", "**a** :)", "--emoticons"], "");
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout.trim_end(),
        tree_json("**a** :)", r#"{"emoticons":true}"#, None)
    );

    let run = common::chatmark(
        &["parse", "--options", r#"{"colors":true}"#],
        "color:#abc\n",
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout.trim_end(),
        tree_json("color:#abc\n", r#"{"colors":true}"#, None)
    );

    let run = common::chatmark(
        &[
            "parse",
            "--katex-dollar",
            "--custom-domain",
            "corp",
            "$x$ a.corp",
        ],
        "",
    );
    let opts = r#"{"katex":{"dollarSyntax":true},"customDomains":["corp"]}"#;
    assert_eq!(run.stdout.trim_end(), tree_json("$x$ a.corp", opts, None));

    let run = common::chatmark(&["parse", "--pretty", "a"], "");
    let pretty: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(pretty.to_string(), tree_json("a", "{}", None));
    assert!(run.stdout.lines().count() > 1, "pretty output is indented");
}

#[test]
fn bad_flags_and_bad_stdin_fail_cleanly_without_output() {
    for args in [
        &["parse", "--options", "{", "a"][..],
        &["parse", "--options", r#"{"colors":1}"#, "a"],
        &["parse", "--now", "garbage", "a"],
    ] {
        let run = common::chatmark(args, "");
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.starts_with("chatmark: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = common::chatmark(&["parse"], b"\xff\xfe");
    assert_ne!(run.code, 0);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
}

/// Bulk input for the threading tests: the reference's test inputs (with
/// their options and clocks) twice over, so that the run spans more than one
/// batch, with bad lines, CRLF line ends and a last line without its end.
fn bulk_input() -> (Vec<u8>, usize) {
    let bad: [&[u8]; 8] = [
        b"not json",
        br#"{"input":"a","options":{"colors":"yes"}}"#,
        br#"{"input":"a","options":{"colors":true,"colors":false}}"#,
        br#"{"input":"a\ud800b"}"#,
        b"{\"input\":\"\xff\"}",
        br#"{"input":"a","now":"yesterday"}"#,
        br#"["a"]"#,
        b"",
    ];
    let mut input = Vec::new();
    let mut lines = 0;
    for round in 0..2 {
        for (i, case) in common::jsonl("reference-tests.jsonl").iter().enumerate() {
            let mut line = serde_json::Map::new();
            for key in ["input", "options", "now"] {
                if let Some(v) = case.get(key) {
                    line.insert(key.to_owned(), v.clone());
                }
            }
            input.extend_from_slice(serde_json::Value::Object(line).to_string().as_bytes());
            input.extend_from_slice(if (i + round) % 31 == 0 {
                b"\r\n"
            } else {
                b"\n"
            });
            lines += 1;
            if i % 97 == round {
                input.extend_from_slice(bad[(i / 97) % bad.len()]);
                input.push(b'\n');
                lines += 1;
            }
        }
    }
    input.extend_from_slice(br#"{"input":"the **end**"}"#);
    (input, lines + 1)
}

#[test]
fn jsonl_threads_answer_byte_for_byte_as_one_thread() {
    let (input, lines) = bulk_input();
    assert!(lines > 10_000, "{lines} lines: more than one batch");
    let now = "2026-11-22T10:00:00Z";
    let one = common::chatmark(
        &["parse", "--jsonl", "--now", now, "--threads", "1"],
        &input,
    );
    assert_eq!(one.code, 1, "bad lines make the exit status 1");
    assert!(one.stderr.is_empty(), "{}", one.stderr);
    assert_eq!(one.stdout.lines().count(), lines);
    let errors = one
        .stdout
        .lines()
        .filter(|l| l.starts_with(r#"{"error":"#))
        .count();
    assert!(errors > 80, "{errors} error lines");
    for threads in [Some("2"), Some("3"), None] {
        let mut args = vec!["parse", "--jsonl", "--now", now];
        args.extend(threads.iter().flat_map(|t| ["--threads", t]));
        let run = common::chatmark(&args, &input);
        assert_eq!(run.code, one.code, "{args:?}");
        assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
        assert!(
            run.stdout == one.stdout,
            "{args:?}: output differs from --threads 1"
        );
    }
}

#[test]
fn jsonl_threads_render_alike_and_keep_exit_status_zero() {
    let (input, _) = bulk_input();
    let now = "2026-11-22T10:00:00Z";
    for to in ["html", "text"] {
        let args = |t| {
            vec![
                "render",
                "--jsonl",
                "--to",
                to,
                "--now",
                now,
                "--threads",
                t,
            ]
        };
        let one = common::chatmark(&args("1"), &input);
        let three = common::chatmark(&args("3"), &input);
        assert_eq!(one.code, 1);
        assert_eq!(three.code, one.code);
        assert!(
            three.stdout == one.stdout,
            "render --to {to}: output differs"
        );
    }
    let ok: String = (0..5000)
        .map(|i| format!("{{\"input\":\"m{i} **b**\"}}\n"))
        .collect();
    let run = common::chatmark(&["parse", "--jsonl", "--threads", "2"], &ok);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 5000);
    assert!(run.stdout.lines().nth(4999).unwrap().contains("m4999"));
    let run = common::chatmark(&["parse", "--threads", "2", "a"], "");
    assert_eq!(run.code, 2, "--threads needs --jsonl");
}
