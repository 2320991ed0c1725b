//! Invisible watermarks decoded from pixels (REFERENCE §3). Only this family ever looks at
//! pixels, and only when the watermark check runs.

pub mod imwatermark;
pub mod registry;
