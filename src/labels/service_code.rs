//! TC260-PG-20252A service codes and the GB 32100 unified social credit code inside them.
//!
//! A service code is 27 characters: `00`, a 20-character subject code (`11` + an
//! 18-character credit code for an organisation), a role digit (`1` generating,
//! `2` distributing) and a 4-character model/app code.

/// Length of a service code.
pub const CODE_LEN: usize = 27;
/// The 31 characters a credit code may use, in value order.
const CREDIT_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Position weights 3^i mod 31 for the first 17 characters.
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The role a service plays, from the code's role digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `1`: a generating service.
    Generating,
    /// `2`: a distributing service (platform).
    Distributing,
}

/// A structurally valid service code, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCode<'a> {
    /// The 20-character subject code.
    pub subject: &'a str,
    /// The credit code inside an organisation's subject code (`11` + 18 characters).
    pub credit_code: Option<&'a str>,
    /// Generating or distributing.
    pub role: Role,
    /// The 4-character model/app code (`0000` when unused).
    pub model: &'a str,
}

/// Whether a value looks like it is meant to be a service code rather than a name:
/// long, upper-case alphanumeric, starting with `00`.
pub fn looks_like_code(value: &str) -> bool {
    value.len() >= 20
        && value.starts_with("00")
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// Splits a service code, or says what is wrong with it.
pub fn parse(code: &str) -> Result<ServiceCode<'_>, String> {
    if code.len() != CODE_LEN {
        return Err(format!(
            "has {} characters; a service code has {CODE_LEN}",
            code.len()
        ));
    }
    if !code
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return Err("contains characters other than digits and capital letters".into());
    }
    let (Some(prefix), Some(subject), Some(role), Some(model)) = (
        code.get(..2),
        code.get(2..22),
        code.get(22..23),
        code.get(23..),
    ) else {
        return Err("cannot be split into its parts".into());
    };
    if prefix != "00" {
        return Err(format!(
            "starts with \"{prefix}\"; service codes start with \"00\""
        ));
    }
    let role = match role {
        "1" => Role::Generating,
        "2" => Role::Distributing,
        other => {
            return Err(format!(
                "has role digit \"{other}\"; expected 1 (generating) or 2 (distributing)"
            ))
        }
    };
    let credit_code = subject.strip_prefix("11");
    Ok(ServiceCode {
        subject,
        credit_code,
        role,
        model,
    })
}

/// Checks an 18-character unified social credit code's check character (GB 32100).
pub fn credit_code_is_valid(code: &str) -> bool {
    let bytes = code.as_bytes();
    if bytes.len() != 18 {
        return false;
    }
    let value = |b: u8| {
        CREDIT_ALPHABET
            .iter()
            .position(|&c| c == b)
            .map(|v| v as u32)
    };
    let mut sum = 0u32;
    for (byte, weight) in bytes.iter().zip(CREDIT_WEIGHTS) {
        match value(*byte) {
            Some(v) => sum += v * weight,
            None => return false,
        }
    }
    let expected = (31 - sum % 31) % 31;
    bytes.get(17).and_then(|&b| value(b)) == Some(expected)
}

/// Services known to write GB 45438 labels: (credit code or literal name, English, Chinese).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "91110102MACQD9K640",
        "Doubao (ByteDance)",
        "豆包（字节跳动）",
    ),
    (
        "9144030008867405X2",
        "Jimeng (ByteDance)",
        "即梦（字节跳动）",
    ),
    (
        "91440101MA9Y9T4H7A",
        "Qwen (Alibaba)",
        "通义千问（阿里巴巴）",
    ),
    (
        "91330106MA2CFLDG4R",
        "Wan (Alibaba)",
        "通义万相（阿里巴巴）",
    ),
    ("91110108335469089C", "Kling (Kuaishou)", "可灵（快手）"),
    ("91440300708461136T", "Tencent Yuanbao", "腾讯元宝"),
    ("91110000802100433B", "Baidu", "百度"),
    ("91110108MACC4D63XF", "Vidu (Shengshu)", "Vidu（生数科技）"),
    ("91440300MA5G49LC9K", "Honor", "荣耀"),
    ("MiniMax", "MiniMax", "MiniMax"),
];

/// The (English, Chinese) name of a known service, from its code or literal name.
pub fn known_service(value: &str) -> Option<(&'static str, &'static str)> {
    let credit = parse(value)
        .ok()
        .and_then(|c| c.credit_code)
        .unwrap_or(value);
    KNOWN
        .iter()
        .find(|(key, _, _)| *key == credit || *key == value)
        .map(|(_, en, zh)| (*en, *zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_credit_code_has_a_valid_check_character() {
        for (code, name, _) in KNOWN.iter().filter(|(c, _, _)| c.len() == 18) {
            assert!(credit_code_is_valid(code), "{name}: {code}");
        }
    }

    #[test]
    fn a_changed_character_breaks_the_check() {
        assert!(!credit_code_is_valid("91110102MACQD9K641"));
        assert!(!credit_code_is_valid("91110102MACQD9K64"));
        assert!(
            !credit_code_is_valid("91110102MACQD9KI40"),
            "I is not in the alphabet"
        );
    }

    #[test]
    fn splits_doubao_and_jimeng_codes() {
        let doubao = parse("001191110102MACQD9K64010000").unwrap();
        assert_eq!(doubao.credit_code, Some("91110102MACQD9K640"));
        assert_eq!(doubao.role, Role::Generating);
        assert_eq!(doubao.model, "0000");
        let jimeng = parse("00119144030008867405X220001").unwrap();
        assert_eq!(jimeng.role, Role::Distributing);
        assert_eq!(
            known_service("00119144030008867405X220001"),
            Some(("Jimeng (ByteDance)", "即梦（字节跳动）"))
        );
    }

    #[test]
    fn rejects_malformed_codes_with_reasons() {
        assert!(parse("0011").unwrap_err().contains("has 4 characters"));
        assert!(parse("101191110102MACQD9K64010000")
            .unwrap_err()
            .contains("start with"));
        assert!(parse("001191110102MACQD9K64030000")
            .unwrap_err()
            .contains("role digit"));
        assert!(parse("001191110102macqd9k64010000")
            .unwrap_err()
            .contains("capital"));
    }

    #[test]
    fn names_are_not_codes() {
        assert!(!looks_like_code("MiniMax"));
        assert!(looks_like_code("001191110102MACQD9K64010000"));
        assert_eq!(known_service("MiniMax"), Some(("MiniMax", "MiniMax")));
    }
}
