//! Template structs of the accounts pages.

use super::{HelperKind, Role, StaffMember};
use crate::organizations::Organization;
use crate::web::PageContext;
use askama::Template;

#[derive(Template)]
#[template(path = "accounts/login.html")]
pub struct LoginPage {
    pub ctx: PageContext,
    pub email: String,
    pub error: Option<String>,
    pub next: String,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
pub struct AccountPage {
    pub ctx: PageContext,
    pub email: String,
    pub role_label: String,
    pub kind_label: String,
    pub organizations: Vec<String>,
    /// The person must sign the current helpers' charter (a notice links to it).
    pub must_sign_charter: bool,
    pub password_error: Option<String>,
    pub delete_error: Option<String>,
}

/// A choice in a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub is_selected: bool,
}

/// One line of the staff table.
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role_label: String,
    pub kind_label: String,
    pub organizations: String,
}

#[derive(Template)]
#[template(path = "accounts/staff.html")]
pub struct StaffPage {
    pub ctx: PageContext,
    pub rows: Vec<StaffRow>,
    pub roles: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub email: String,
    pub error: Option<String>,
    pub invitation_link: Option<String>,
    /// `(name, link)` of a reset link just issued.
    pub reset_link: Option<(String, String)>,
}

/// What the invitation form had, to fill it again after an error.
#[derive(Default)]
pub struct InvitationValues {
    pub email: String,
    pub role: String,
    pub helper_kind: String,
    pub organization_id: Option<i64>,
}

impl StaffPage {
    pub fn build(
        ctx: PageContext,
        members: Vec<StaffMember>,
        organizations: Vec<Organization>,
        values: InvitationValues,
    ) -> Self {
        let viewer_role = ctx.user.as_ref().map(|u| u.role).unwrap_or(Role::Helper);
        let rows = members
            .into_iter()
            .map(|member| StaffRow {
                id: member.user.id.0,
                name: member.user.display_name,
                email: member.user.email,
                role_label: ctx.t(member.user.role.label_key()),
                kind_label: ctx.t(member.user.helper_kind.label_key()),
                organizations: member.organizations.join(", "),
            })
            .collect();
        let role_value = if values.role.is_empty() {
            "helper"
        } else {
            &values.role
        };
        let roles = Role::ALL
            .into_iter()
            .filter(|role| viewer_role.can_invite(*role))
            .map(|role| Choice {
                value: role.as_str().into(),
                label: ctx.t(role.label_key()),
                is_selected: role.as_str() == role_value,
            })
            .collect();
        let kinds = HelperKind::ALL
            .into_iter()
            .map(|kind| Choice {
                value: kind.as_str().into(),
                label: ctx.t(kind.label_key()),
                is_selected: kind.as_str() == values.helper_kind,
            })
            .collect();
        let organizations = organizations
            .into_iter()
            .map(|o| Choice {
                value: o.id.to_string(),
                is_selected: Some(o.id) == values.organization_id,
                label: o.name,
            })
            .collect();
        Self {
            ctx,
            rows,
            roles,
            kinds,
            organizations,
            email: values.email,
            error: None,
            invitation_link: None,
            reset_link: None,
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/invitation.html")]
pub struct InvitationPage {
    pub ctx: PageContext,
    pub email: String,
    pub role_label: String,
    pub display_name: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
pub struct PasswordResetPage {
    pub ctx: PageContext,
    pub email: String,
    pub error: Option<String>,
}
