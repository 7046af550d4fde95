//! Import of open-data files into the directory (see `relais import`).

pub mod raw;
