//! Outgoing e-mail, only when an SMTP relay is configured (`RELAIS_SMTP_URL`). Relais talks plain
//! SMTP to a relay it trusts (typically the machine's own mail server), which handles TLS and
//! delivery. Addresses and message contents are never logged.

use crate::config::SmtpSettings;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

/// Sends e-mail when configured; otherwise says it is disabled and sends nothing.
#[derive(Clone, Default)]
pub struct Mailer(Option<Arc<Smtp>>);

struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn disabled() -> Self {
        Self(None)
    }

    /// A mailer for the settings; `None` gives a disabled one.
    pub fn new(settings: Option<&SmtpSettings>) -> Self {
        let Some(settings) = settings else {
            return Self::disabled();
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.as_str())
                .port(settings.port)
                .timeout(Some(Duration::from_secs(15)));
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Self(Some(Arc::new(Smtp {
            transport: builder.build(),
            from: settings.from.clone(),
        })))
    }

    pub fn is_enabled(&self) -> bool {
        self.0.is_some()
    }

    /// Sends a plain-text message. Errors name no address.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> anyhow::Result<()> {
        let Some(smtp) = &self.0 else {
            anyhow::bail!("no SMTP relay is configured");
        };
        let to: Mailbox = to
            .parse()
            .map_err(|_| anyhow::anyhow!("the recipient address is not valid for SMTP"))?;
        let message = Message::builder()
            .from(smtp.from.clone())
            .to(to)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body)?;
        smtp.transport.send(message).await?;
        Ok(())
    }
}
