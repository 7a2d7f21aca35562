//! `chatmark render` and `chatmark rooms` from outside.

mod common;

fn run(args: &[&str], stdin: &str) -> (String, i32) {
    let run = common::chatmark(args, stdin);
    (run.stdout, run.code)
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn render_text_argument_to_each_target() {
    let msg = "**Hi** <b> :smile:\n- [x] done";
    let (out, code) = run(&["render", msg], "");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "<div><strong>Hi</strong> &lt;b&gt; <span class=\"emoji\" role=\"img\" title=\":smile:\" \
         aria-label=\":smile:\">😄</span></div><ul class=\"task-list\"><li><input type=\"checkbox\" \
         disabled checked> done</li></ul>\n"
    );
    let (out, _) = run(&["render", "--to", "text", msg], "");
    assert_eq!(out, "Hi <b> 😄\n☑ done\n");
    let (out, _) = run(&["render", "--to", "preview", msg], "");
    assert_eq!(out, "Hi <b> 😄\n");
}

#[test]
fn render_reads_stdin_and_takes_parse_and_context_flags() {
    let (out, code) = run(
        &["render", "--to", "text", "--emoticons", "--colors"],
        "a :) color:#ff8000",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "a 🙂 #ff8000\n");
    let (out, _) = run(
        &[
            "render",
            "--mentions",
            r#"[{"_id":"u1","username":"ann","name":"Ann Lee"}]"#,
            "--real-names",
            "--base-url",
            "https://chat.example.com/",
            "hi @ann https://chat.example.com/channel/general",
        ],
        "",
    );
    assert!(out.contains(">Ann Lee</span>"), "{out}");
    assert!(out.contains("title=\"Go to channel/general\">"), "{out}");
    let (out, _) = run(
        &[
            "render",
            "--to",
            "text",
            "--tz-offset",
            "-300",
            "--now",
            "2024-06-15T13:00:00Z",
            "<t:1718457045:t> <t:1718457045:R>",
        ],
        "",
    );
    assert_eq!(out, "8:10 AM in 10 minutes\n");
    let (_, code) = run(&["render", "--mentions", "not json", "x"], "");
    assert_eq!(code, 1);
}

#[test]
fn render_md_trees() {
    let tree = r#"[{"type":"PARAGRAPH","value":[{"type":"BOLD","value":[{"type":"PLAIN_TEXT","value":"hi"}]}]}]"#;
    let (out, code) = run(&["render", "--md"], tree);
    assert_eq!(
        (out.as_str(), code),
        ("<div><strong>hi</strong></div>\n", 0)
    );
    let (out, code) = run(&["render", "--md", "--to", "preview", tree], "");
    assert_eq!((out.as_str(), code), ("hi\n", 0));
    let (_, code) = run(&["render", "--md"], "{not a tree");
    assert_eq!(code, 1);
}

#[test]
fn render_jsonl_writes_one_string_per_line_and_errors_in_place() {
    let input = concat!(
        r#"{"input":"*a*"}"#,
        "\n",
        "not json\n",
        r#"{"input":":)","options":{"emoticons":true}}"#,
        "\n",
        r#"{"input":"@ann","mentions":[{"_id":"1","username":"ann","name":"Ann"}]}"#,
        "\n",
    );
    let (out, code) = run(
        &["render", "--jsonl", "--to", "text", "--real-names"],
        input,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(lines[0], r#""a""#);
    assert!(
        lines[1].starts_with(r#"{"error":"line 2: "#),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], r#""🙂""#);
    assert_eq!(lines[3], r#""Ann""#);
    assert_eq!(code, 1);

    let trees = "[]\n[{\"type\":\"LINE_BREAK\"}]\n";
    let (out, code) = run(&["render", "--jsonl", "--md"], trees);
    assert_eq!(out, "\"\"\n\"<br>\"\n");
    assert_eq!(code, 0);
}

#[test]
fn rooms_lists_each_room_with_its_last_message() {
    let file = fixture("rooms.get.example.json");
    let (out, code) = run(&["rooms", &file], "");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "general\tDiscussion\n\
         user2, user1\tagain\n\
         user1, rocket.cat\tUpdate your QuickMeet.Chat\n"
    );
    let (out, _) = run(&["rooms", "--me", "user1", &file], "");
    assert_eq!(
        out,
        "general\tRaghav Ram: Discussion\n\
         user2\tYou: again\n\
         rocket.cat\tUpdate your QuickMeet.Chat\n"
    );
    // From stdin.
    let json = std::fs::read_to_string(&file).unwrap();
    let (out2, _) = run(&["rooms", "--me", "user1"], &json);
    assert_eq!(out, out2);
}

#[test]
fn rooms_without_messages_and_bad_input() {
    let (out, code) = run(&["rooms", &fixture("rooms.get.example-2018.json")], "");
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 5);
    assert!(out.starts_with("general\tNo messages yet\n"), "{out}");
    let (_, code) = run(&["rooms"], "{\"update\": 3}");
    assert_eq!(code, 1);
    let (_, code) = run(&["rooms", "/no/such/file.json"], "");
    assert_eq!(code, 2);
}

#[test]
fn rooms_prefixes_follow_the_reference_client() {
    let json = r#"{"update":[
        {"_id":"g","t":"c","name":"dev","lastMessage":{"msg":"","u":{"username":"bob"},"attachments":[{"title":"report.pdf"}]}},
        {"_id":"m","t":"d","usernames":["me","bob","cy"],"lastMessage":{"msg":"group message","u":{"username":"bob","name":"Bob B"}}},
        {"_id":"v","t":"c","name":"calls","lastMessage":{"t":"videoconf","msg":"","u":{"username":"bob"}}},
        {"_id":"n","t":"p","name":"quiet","lastMessage":{"msg":"no sender"}},
        {"_id":"e","t":"p","name":"secret","lastMessage":{"t":"e2e","e2e":"pending","msg":"xyz","u":{"username":"bob"}}}
    ]}"#;
    let (out, code) = run(&["rooms", "--me", "me"], json);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "dev\tbob: report.pdf\n\
         bob, cy\tBob B: group message\n\
         calls\tCall started\n\
         quiet\tno sender\n\
         secret\tEncrypted message\n"
    );
}
