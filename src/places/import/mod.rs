//! Import of open-data files into the directory (see `relais import`).

pub mod hubs;
pub mod raw;

// placeholder, replaced at merge
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Auto,
    MediationV1,
    MediationV0,
    DataInclusion,
    FranceServices,
    BfcTernum,
    RhinOcc,
    RegionSud,
}
