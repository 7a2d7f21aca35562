//! The emoji table: shortcode → Unicode emoji.

use std::collections::BTreeMap;

/// Shortcode → Unicode emoji, for `EMOJI` nodes.
///
/// The built-in table is GitHub's gemoji shortcodes (from the `emojis`
/// crate, Unicode's emoji data), plus the spellings of Rocket.Chat's emoji
/// set (JoyPixels) where they differ: the names the parser gives ASCII
/// emoticons (`slight_smile` for `:)`), `flag_xx` country flags and
/// `_tone1`…`_tone5` skin tones. Entries added with [`EmojiTable::insert`]
/// (custom emoji) come first.
///
/// ```
/// use chatmark::render::EmojiTable;
///
/// let mut table = EmojiTable::default();
/// assert_eq!(table.get("smile"), Some("😄"));
/// assert_eq!(table.get("slight_smile"), Some("🙂"));
/// assert_eq!(table.get("flag_fr"), Some("🇫🇷"));
/// assert_eq!(table.get("thumbsup_tone2"), Some("👍🏼"));
/// assert_eq!(table.get("no_such_emoji"), None);
/// table.insert("party_parrot", "🦜");
/// assert_eq!(table.get("party_parrot"), Some("🦜"));
/// assert_eq!(EmojiTable::empty().get("smile"), None);
/// ```
#[derive(Debug, Clone)]
pub struct EmojiTable {
    builtin: bool,
    custom: BTreeMap<String, String>,
}

/// JoyPixels shortcodes (Rocket.Chat's emoji set) that gemoji spells
/// differently; mostly the ones the parser gives ASCII emoticons.
const JOYPIXELS: &[(&str, &str)] = &[
    ("slight_smile", "slightly_smiling_face"),
    ("slight_frown", "slightly_frowning_face"),
    ("upside_down", "upside_down_face"),
    ("person_gesturing_ok", "ok_woman"),
    ("person_gesturing_no", "no_good"),
    ("person_tipping_hand", "tipping_hand_person"),
    ("person_raising_hand", "raising_hand"),
    ("person_bowing", "bow"),
    ("person_facepalming", "facepalm"),
    ("person_shrugging", "shrug"),
    ("hugging", "hugs"),
    ("nerd", "nerd_face"),
    ("rolling_eyes", "roll_eyes"),
    ("zipper_mouth", "zipper_mouth_face"),
    ("head_bandage", "face_with_head_bandage"),
    ("thermometer_face", "face_with_thermometer"),
    ("money_mouth", "money_mouth_face"),
    ("hand_splayed", "raised_hand_with_fingers_splayed"),
    ("vulcan", "vulcan_salute"),
    ("face_palm", "facepalm"),
    ("heart_exclamation", "heavy_heart_exclamation"),
    ("champagne_glass", "clinking_glasses"),
    ("first_place", "1st_place_medal"),
    ("second_place", "2nd_place_medal"),
    ("third_place", "3rd_place_medal"),
    ("thumbup", "+1"),
    ("thumbdown", "-1"),
    ("frowning2", "frowning_face"),
    ("poop", "hankey"),
    ("shit", "hankey"),
    (
        "stuck_out_tongue_winking_eye",
        "stuck_out_tongue_winking_eye",
    ),
];

impl Default for EmojiTable {
    /// The built-in table.
    fn default() -> Self {
        EmojiTable {
            builtin: true,
            custom: BTreeMap::new(),
        }
    }
}

impl EmojiTable {
    /// The built-in table (the same as [`Default`]).
    pub fn builtin() -> Self {
        EmojiTable::default()
    }

    /// A table that knows no emoji: every shortcode stays `:code:`.
    pub fn empty() -> Self {
        EmojiTable {
            builtin: false,
            custom: BTreeMap::new(),
        }
    }

    /// Adds (or replaces) a shortcode, without colons.
    pub fn insert(&mut self, shortcode: impl Into<String>, unicode: impl Into<String>) {
        self.custom.insert(shortcode.into(), unicode.into());
    }

    /// The emoji for a shortcode (without colons), if known.
    pub fn get(&self, shortcode: &str) -> Option<&str> {
        if let Some(u) = self.custom.get(shortcode) {
            return Some(u);
        }
        if !self.builtin {
            return None;
        }
        builtin(shortcode).map(|e| e.as_str())
    }

    /// The shortcode (without colons) of a Unicode emoji, if known: a custom
    /// entry, else the emoji's first gemoji shortcode.
    pub fn name_of(&self, unicode: &str) -> Option<&str> {
        if let Some((k, _)) = self.custom.iter().find(|(_, v)| *v == unicode) {
            return Some(k);
        }
        if !self.builtin {
            return None;
        }
        let e = emojis::get(unicode)?;
        Some(e.shortcode().unwrap_or(e.name()))
    }
}

fn builtin(code: &str) -> Option<&'static emojis::Emoji> {
    if let Some(e) = emojis::get_by_shortcode(code) {
        return Some(e);
    }
    if let Some((_, gemoji)) = JOYPIXELS.iter().find(|(j, _)| *j == code) {
        return emojis::get_by_shortcode(gemoji);
    }
    if let Some(cc) = code.strip_prefix("flag_") {
        return flag(cc);
    }
    // JoyPixels skin tones: `thumbsup_tone3`.
    if let Some((base, tone)) = code.rsplit_once("_tone") {
        let tone = match tone {
            "1" => emojis::SkinTone::Light,
            "2" => emojis::SkinTone::MediumLight,
            "3" => emojis::SkinTone::Medium,
            "4" => emojis::SkinTone::MediumDark,
            "5" => emojis::SkinTone::Dark,
            _ => return None,
        };
        if base.contains("_tone") {
            return None;
        }
        return builtin(base)?.with_skin_tone(tone);
    }
    None
}

/// `flag_fr` → 🇫🇷: two regional indicators, if Unicode has that flag.
fn flag(cc: &str) -> Option<&'static emojis::Emoji> {
    let b = cc.as_bytes();
    if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let s: String = b
        .iter()
        .filter_map(|c| char::from_u32(0x1F1E6 + u32::from(c.to_ascii_lowercase() - b'a')))
        .collect();
    emojis::get(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shortcode the parser gives an ASCII emoticon is in the table.
    #[test]
    fn emoticon_shortcodes_are_known() {
        let t = EmojiTable::default();
        for code in [
            "slight_smile",
            "person_gesturing_ok",
            "smiley",
            "laughing",
            "wink",
            "stuck_out_tongue",
            "stuck_out_tongue_winking_eye",
            "sunglasses",
            "sweat_smile",
            "sweat",
            "innocent",
            "open_mouth",
            "dizzy_face",
            "thumbsup",
            "expressionless",
            "disappointed",
            "cry",
            "joy",
            "kissing_heart",
            "heart",
            "broken_heart",
            "angry",
            "confused",
            "fearful",
            "flushed",
            "no_mouth",
            "persevere",
        ] {
            assert!(t.get(code).is_some(), "{code}");
        }
    }

    #[test]
    fn joypixels_table_targets_exist() {
        for (j, g) in JOYPIXELS {
            assert!(emojis::get_by_shortcode(g).is_some(), "{j} → {g}");
        }
    }

    #[test]
    fn names_of_unicode() {
        let t = EmojiTable::default();
        assert_eq!(t.name_of("😀"), Some("grinning"));
        assert_eq!(t.name_of("x"), None);
        assert_eq!(t.get("flag_zz"), None);
        assert_eq!(t.get("flag_"), None);
        assert_eq!(t.get("smile_tone9"), None);
        assert_eq!(t.get("_tone1"), None);
    }
}
