//! `chatmark md`: the command that checks the wire format from outside.

mod common;

fn run(args: &[&str], stdin: &str) -> (String, i32) {
    let run = common::chatmark(args, stdin);
    (run.stdout, run.code)
}

#[test]
fn jsonl_writes_each_tree_back_and_reports_bad_lines_in_place() {
    let good = r#"[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"a"}]}]"#;
    let input = format!("{good}\n{{\"type\":\"x\"}}\nnot json\n[ ]\n");
    let (out, code) = run(&["md", "--jsonl"], &input);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[0], good);
    assert!(
        lines[1].starts_with(r#"{"error":"line 2: an md tree must be a JSON array"#),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(r#"{"error":"line 3: "#),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "[]");
    assert_eq!(code, 1);
}

#[test]
fn jsonl_all_good_exits_zero() {
    let (out, code) = run(&["md", "--jsonl"], "[]\r\n[{\"type\":\"LINE_BREAK\"}]\n");
    assert_eq!(out, "[]\n[{\"type\":\"LINE_BREAK\"}]\n");
    assert_eq!(code, 0);
}

#[test]
fn single_tree_pretty() {
    let (out, code) = run(&["md", "--pretty"], r#"[{"type":"LINE_BREAK"}]"#);
    assert_eq!(out, "[\n  {\n    \"type\": \"LINE_BREAK\"\n  }\n]\n");
    assert_eq!(code, 0);
    let (_, code) = run(&["md"], "{");
    assert_eq!(code, 1);
}
