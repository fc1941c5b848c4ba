//! Conflict copies that file-sync tools leave (filled in below).
