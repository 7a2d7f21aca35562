//! Room-list lines from a `rooms.get` response: each room's name and the
//! preview of its last message, with the `You: ` / `Name: ` prefixes of
//! Rocket.Chat's web client (`getMessagePreview`).
//!
//! The preview itself is the [`preview`](super::preview) of the message's
//! `md` tree (or of its `msg` text, parsed, when the server stored no tree).

use super::RenderContext;
use crate::wire::rooms::{Message, Room};

/// The name a room list shows: the room's `name` (else `fname`, else its
/// id); for a direct message, the other members' usernames (all of them
/// when the viewer is not known), joined with `, `.
///
/// ```
/// use chatmark::render::room::room_name;
/// use chatmark::wire::rooms::RoomsResponse;
///
/// let json = r#"{"update":[{"_id":"ab","t":"d","usernames":["ann","bob"]}]}"#;
/// let rooms = RoomsResponse::from_str(json).unwrap();
/// assert_eq!(room_name(&rooms.update()[0], Some("ann")), "bob");
/// assert_eq!(room_name(&rooms.update()[0], None), "ann, bob");
/// ```
pub fn room_name(room: &Room, viewer: Option<&str>) -> String {
    if room.room_type().as_deref() == Some("d") {
        let names = room.usernames();
        let others: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|u| Some(*u) != viewer)
            .collect();
        if !others.is_empty() {
            return others.join(", ");
        }
        if let Some(first) = names.first() {
            // A DM with oneself.
            return first.clone();
        }
    }
    room.name()
        .filter(|s| !s.is_empty())
        .or_else(|| room.display_name().filter(|s| !s.is_empty()))
        .or_else(|| room.id())
        .unwrap_or_default()
}

/// The one-line preview of a message: its `md` tree, or its `msg` parsed
/// with default options; a message with no text shows its first
/// attachment's description or title, or `Sent an attachment`.
///
/// ```
/// use chatmark::render::{RenderContext, room::message_preview};
/// use chatmark::wire::rooms::RoomsResponse;
///
/// let json = r#"{"update":[{"_id":"r","lastMessage":{"msg":"*Update* now\nmore"}}]}"#;
/// let rooms = RoomsResponse::from_str(json).unwrap();
/// let msg = rooms.update()[0].last_message().unwrap();
/// assert_eq!(message_preview(msg, &RenderContext::default()), "Update now");
/// ```
pub fn message_preview(message: &Message, ctx: &RenderContext<'_>) -> String {
    let msg = message.msg().unwrap_or_default();
    let ctx = RenderContext {
        source: Some(&msg),
        ..ctx.clone()
    };
    let text = match message.md() {
        Some(md) if !md.is_empty() => super::preview::render(md, &ctx),
        _ if !msg.is_empty() => {
            let tree = crate::parse(&msg, &crate::Options::default());
            super::preview::render(&tree, &ctx)
        }
        _ => String::new(),
    };
    if !text.is_empty() || !msg.is_empty() {
        return text;
    }
    let Some(attachments) = message
        .fields()
        .get::<Vec<serde_json::Value>>("attachments")
    else {
        return String::new();
    };
    let field = |a: &serde_json::Value, k: &str| {
        a.get(k)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(|s| super::preview::one_line(s.to_owned()))
    };
    attachments
        .iter()
        .find_map(|a| field(a, "description").or_else(|| field(a, "title")))
        .unwrap_or_else(|| "Sent an attachment".to_owned())
}

/// A room's subtitle in a room list: the preview of its last message, and,
/// when the viewer's username is known, the sender before it as the
/// reference client does: `You: ` for the viewer's own messages, nothing in
/// a one-to-one direct message, else the sender's name (or username) and
/// `: `. A room without messages shows `No messages yet`.
///
/// ```
/// use chatmark::render::{RenderContext, room::room_preview};
/// use chatmark::wire::rooms::RoomsResponse;
///
/// let json = r#"{"update":[{"_id":"g","t":"c","name":"general","lastMessage":{"msg":"hi **all**","u":{"_id":"1","username":"ann","name":"Ann Lee"}}}]}"#;
/// let rooms = RoomsResponse::from_str(json).unwrap();
/// let room = &rooms.update()[0];
/// let ctx = RenderContext::default();
/// assert_eq!(room_preview(room, Some("bob"), &ctx), "Ann Lee: hi all");
/// assert_eq!(room_preview(room, Some("ann"), &ctx), "You: hi all");
/// assert_eq!(room_preview(room, None, &ctx), "hi all");
/// ```
pub fn room_preview(room: &Room, viewer: Option<&str>, ctx: &RenderContext<'_>) -> String {
    let Some(m) = room.last_message() else {
        return "No messages yet".to_owned();
    };
    match m.message_type().as_deref() {
        Some("videoconf") => return "Call started".to_owned(),
        Some("e2e") if m.fields().get::<String>("e2e").as_deref() != Some("done") => {
            return "Encrypted message".to_owned();
        }
        _ => {}
    }
    let text = message_preview(m, ctx);
    if text.is_empty() {
        return text;
    }
    let (Some(viewer), Some(user)) = (viewer, m.user()) else {
        return text;
    };
    if user.username.as_deref() == Some(viewer) {
        return format!("You: {text}");
    }
    if room.room_type().as_deref() == Some("d") && room.usernames().len() <= 2 {
        return text;
    }
    match user
        .name
        .filter(|s| !s.is_empty())
        .or(user.username.filter(|s| !s.is_empty()))
    {
        Some(who) => format!("{who}: {text}"),
        None => text,
    }
}
