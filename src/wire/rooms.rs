//! `GET /api/v1/rooms.get`: rooms with their last message.
//!
//! Every object keeps all its fields, in order, as the JSON it was read
//! from; only what chatmark works on is read into types (a room's
//! `lastMessage`, and that message's `md` tree). So a response read and
//! written back is the same JSON, whatever fields a server adds. Typed
//! getters read the common fields on demand.
//!
//! ```
//! use chatmark::wire::rooms::RoomsResponse;
//!
//! let json = r#"{"update":[{"_id":"GENERAL","t":"c","name":"general","lastMessage":{"_id":"m1","msg":"hi","md":[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"hi"}]}]}}],"remove":[],"success":true}"#;
//! let rooms = RoomsResponse::from_str(json).unwrap();
//! let room = &rooms.update()[0];
//! assert_eq!(room.name().as_deref(), Some("general"));
//! assert_eq!(room.last_message().unwrap().msg().as_deref(), Some("hi"));
//! assert_eq!(rooms.to_string(), json);
//! ```

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::Error;
use crate::ast::Root;

/// The fields of a JSON object in order, each as the JSON text it was read from.
#[derive(Debug, Clone, Default)]
pub struct RawFields(Vec<(String, Box<RawValue>)>);

impl RawFields {
    /// The raw JSON of field `key`, if present.
    pub fn raw(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }

    /// Field `key` read as `T`; `None` when absent or not of that type.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.raw(key)
            .and_then(|v| serde_json::from_str(v.get()).ok())
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

/// An object of raw fields with one field read into a typed value `T`,
/// written back in its place.
#[derive(Debug, Clone)]
struct WithTyped<T> {
    fields: RawFields,
    typed: Option<(usize, T)>,
}

impl<T: Serialize> Serialize for WithTyped<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (i, (k, v)) in self.fields.0.iter().enumerate() {
            match &self.typed {
                Some((at, t)) if *at == i => m.serialize_entry(k, t)?,
                _ => m.serialize_entry(k, &**v)?,
            }
        }
        m.end()
    }
}

fn read_with_typed<'de, A, T, F>(mut map: A, key: &str, read: F) -> Result<WithTyped<T>, A::Error>
where
    A: MapAccess<'de>,
    F: Fn(&RawValue) -> Result<T, serde_json::Error>,
{
    let mut fields = Vec::new();
    let mut typed = None;
    while let Some(k) = map.next_key::<String>()? {
        let v: Box<RawValue> = map.next_value()?;
        if k == key && typed.is_none() {
            // `null` stays raw: only a real value is typed.
            if v.get().trim() != "null" {
                let t = read(&v).map_err(|e| de::Error::custom(format_args!("{key}: {e}")))?;
                typed = Some((fields.len(), t));
            }
        }
        fields.push((k, v));
    }
    Ok(WithTyped {
        fields: RawFields(fields),
        typed,
    })
}

/// A user reference `{_id, username, name}` as messages and rooms carry it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct UserRef {
    /// The user id.
    #[serde(rename = "_id", default)]
    pub id: Option<String>,
    /// The username.
    #[serde(default)]
    pub username: Option<String>,
    /// The display name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A message (`lastMessage` of a room): all fields kept, `md` read as a tree.
#[derive(Debug, Clone)]
pub struct Message {
    inner: WithTyped<Root<'static>>,
}

impl Message {
    /// All fields as read.
    pub fn fields(&self) -> &RawFields {
        &self.inner.fields
    }

    /// The message text (`msg`).
    pub fn msg(&self) -> Option<String> {
        self.inner.fields.get("msg")
    }

    /// The sender (`u`).
    pub fn user(&self) -> Option<UserRef> {
        self.inner.fields.get("u")
    }

    /// The message type (`t`), present on system messages.
    pub fn message_type(&self) -> Option<String> {
        self.inner.fields.get("t")
    }

    /// The users the message mentions (`mentions`), resolved by the server.
    pub fn mentions(&self) -> Vec<UserRef> {
        self.inner.fields.get("mentions").unwrap_or_default()
    }

    /// The parsed tree (`md`), when the server stored one.
    pub fn md(&self) -> Option<&Root<'static>> {
        self.inner.typed.as_ref().map(|(_, t)| t)
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Message;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a message object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Message, A::Error> {
                let inner = read_with_typed(map, "md", |raw| {
                    super::from_str(raw.get())
                        .map(crate::ast::into_owned)
                        .map_err(|e| e.0)
                })?;
                Ok(Message { inner })
            }
        }
        d.deserialize_map(V)
    }
}

/// A room: all fields kept, `lastMessage` read as a [`Message`].
#[derive(Debug, Clone)]
pub struct Room {
    inner: WithTyped<Message>,
}

impl Room {
    /// All fields as read.
    pub fn fields(&self) -> &RawFields {
        &self.inner.fields
    }

    /// The room id (`_id`).
    pub fn id(&self) -> Option<String> {
        self.inner.fields.get("_id")
    }

    /// The room type (`t`): `c` channel, `p` private group, `d` direct
    /// message, `l` livechat.
    pub fn room_type(&self) -> Option<String> {
        self.inner.fields.get("t")
    }

    /// The room name (`name`); direct messages have none.
    pub fn name(&self) -> Option<String> {
        self.inner.fields.get("name")
    }

    /// The display name (`fname`).
    pub fn display_name(&self) -> Option<String> {
        self.inner.fields.get("fname")
    }

    /// The members' usernames (`usernames`), given for direct messages.
    pub fn usernames(&self) -> Vec<String> {
        self.inner.fields.get("usernames").unwrap_or_default()
    }

    /// The last message, when the room has one.
    pub fn last_message(&self) -> Option<&Message> {
        self.inner.typed.as_ref().map(|(_, m)| m)
    }
}

impl Serialize for Room {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Room {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Room;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a room object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Room, A::Error> {
                let inner = read_with_typed(map, "lastMessage", |raw| {
                    serde_json::from_str::<Message>(raw.get())
                })?;
                Ok(Room { inner })
            }
        }
        d.deserialize_map(V)
    }
}

/// The response of `GET /api/v1/rooms.get`: `update` (rooms changed),
/// `remove` (rooms removed) and `success`, plus any other field, in order.
#[derive(Debug, Clone)]
pub struct RoomsResponse {
    fields: Vec<(String, ResponseField)>,
}

#[derive(Debug, Clone)]
enum ResponseField {
    Rooms(Vec<Room>),
    Raw(Box<RawValue>),
}

impl RoomsResponse {
    /// Reads a response.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(json: &str) -> Result<Self, Error> {
        Ok(serde_json::from_str(json)?)
    }

    /// Writes the response back as compact JSON.
    #[allow(clippy::inherent_to_string_shadow_display, clippy::inherent_to_string)]
    pub fn to_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Writes the response back as indented JSON (two spaces).
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    fn rooms(&self, key: &str) -> &[Room] {
        self.fields
            .iter()
            .find_map(|(k, v)| match v {
                ResponseField::Rooms(r) if k == key => Some(r.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// The rooms in `update`.
    pub fn update(&self) -> &[Room] {
        self.rooms("update")
    }

    /// The rooms in `remove`.
    pub fn remove(&self) -> &[Room] {
        self.rooms("remove")
    }

    /// The `success` flag.
    pub fn success(&self) -> Option<bool> {
        self.fields.iter().find_map(|(k, v)| match v {
            ResponseField::Raw(r) if k == "success" => serde_json::from_str(r.get()).ok(),
            _ => None,
        })
    }
}

impl Serialize for RoomsResponse {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.fields.len()))?;
        for (k, v) in &self.fields {
            match v {
                ResponseField::Rooms(r) => m.serialize_entry(k, r)?,
                ResponseField::Raw(r) => m.serialize_entry(k, &**r)?,
            }
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for RoomsResponse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RoomsResponse;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a rooms.get response object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RoomsResponse, A::Error> {
                let mut fields = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let v = if k == "update" || k == "remove" {
                        ResponseField::Rooms(map.next_value()?)
                    } else {
                        ResponseField::Raw(map.next_value()?)
                    };
                    fields.push((k, v));
                }
                Ok(RoomsResponse { fields })
            }
        }
        d.deserialize_map(V)
    }
}
