//! The MCP server: lists the tools and resources and routes each call to the kernel. A refused
//! call is a tool result with `isError: true` and a typed error (so a model can read it); only an
//! unknown tool or resource is a protocol error.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, ServerCapabilities, ServerConfig,
};
use rmcp::service::{RequestContext, RoleServer};
use rmcp::{ErrorData, ServerHandler};

use crate::app::App;
use crate::errors::ToolError;
use crate::execute::{execute, Outcome, Retry};
use crate::tools::{self, parse};
use crate::{resources, shop};

/// What the server tells a client about itself.
const INSTRUCTIONS: &str = "Flux plans and pays purchases under a spending policy. Call plan_purchase with the user's request and budget; read the proposed lines, alternatives, unmet needs and what was not planned (dropped); adjust with edit_cart; check_policy; then execute_purchase with the cart_id and an idempotency key of your own. Carts are named by cart_id only: the kernel quotes every price, and the policy alone decides what is paid and to whom. A cart above the approval threshold needs a person's signed approval.";

/// One session's handler over the shared [`App`].
#[derive(Clone)]
pub struct FluxMcp {
    app: Arc<App>,
}

impl FluxMcp {
    /// A handler over the shared state.
    pub fn new(app: Arc<App>) -> FluxMcp {
        FluxMcp { app }
    }

    async fn call(&self, request: CallToolRequestParams, ctx: RequestContext<RoleServer>) -> Result<CallToolResponse, ErrorData> {
        let app = &self.app;
        let args = request.arguments;
        let name = request.name.as_ref();
        let done = |r: Result<crate::app::Reply, ToolError>| -> CallToolResponse {
            match r {
                Ok(reply) => reply.into_result().into(),
                Err(e) => e.into_result().into(),
            }
        };
        Ok(match name {
            tools::PLAN => done(async { shop::plan(app, parse(name, args)?).await }.await),
            tools::EDIT => done(async { shop::edit(app, parse(name, args)?).await }.await),
            tools::CHECK => done(async { shop::check(app, parse(name, args)?).await }.await),
            tools::GET_POLICY => done(
                async {
                    parse::<tools::NoArgs>(name, args).map(drop)?;
                    shop::policy(app).await
                }
                .await,
            ),
            tools::VERIFY => done(async { shop::verify(app, parse(name, args)?).await }.await),
            tools::EXECUTE => {
                let retry = request.request_state.map(|state| Retry { state, responses: request.input_responses });
                let outcome = async { execute(app, parse(name, args)?, &ctx, retry).await }.await;
                match outcome {
                    Ok(Outcome::Done(reply)) => reply.into_result().into(),
                    Ok(ask @ Outcome::Ask(_)) => ask.into(),
                    Err(e) => e.into_result().into(),
                }
            }
            other => return Err(ErrorData::invalid_params(format!("unknown tool {:?}", crate::errors::echo(other)), None)),
        })
    }
}

impl ServerHandler for FluxMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().enable_resources().build())
            .with_server_info(Implementation::new("flux-mcp", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        tools::all().map(ListToolsResult::with_all_items).map_err(|e| ErrorData::internal_error(e, None))
    }

    async fn call_tool(&self, request: CallToolRequestParams, ctx: RequestContext<RoleServer>) -> Result<CallToolResponse, ErrorData> {
        self.call(request, ctx).await
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(resources::list()))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _ctx: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        match resources::read(&self.app.flux, &request.uri).await {
            Ok(contents) => Ok(ReadResourceResult::new(vec![contents]).with_ttl_ms(0).into()),
            Err(e) if e.code == "UNKNOWN_RESOURCE" => Err(ErrorData::resource_not_found(e.message.clone(), None)),
            Err(e) => Err(ErrorData::internal_error(e.summary(), None)),
        }
    }
}
