// Copyright 2024 Adobe. All rights reserved.
// This file is licensed to you under the Apache License,
// Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0)
// or the MIT license (http://opensource.org/licenses/MIT),
// at your option.

// Unless required by applicable law or agreed to in writing,
// this software is distributed on an "AS IS" BASIS, WITHOUT
// WARRANTIES OR REPRESENTATIONS OF ANY KIND, either express or
// implied. See the LICENSE-MIT and LICENSE-APACHE files for the
// specific language governing permissions and limitations under
// each license.

//! Basic infrastructure for working with W3C Verifiable Credentials.

#![allow(unused)] // TEMPORARY while building

pub(crate) mod credential;
pub(crate) mod did;
pub(crate) mod did_doc;
pub(crate) mod did_web;
pub(crate) mod jwk;
pub(super) mod serialization;
