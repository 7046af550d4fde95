//! The directory ("annuaire"): the network's places and partners, their opening hours, public
//! search and map, the paper map, and open-data import and export.

pub mod hours;
pub mod import;
pub mod model;
pub mod vocab;

pub use model::{
    Closure, Equipment, MediationRecord, Place, PlaceData, PlaceId, PlaceKind, QualityFlag,
    Visibility,
};
