package dev.cast2md.pods.control.runpod;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RunPod's REST API v2, relative to its base URL ({@code https://api.runpod.io/v2}).
 *
 * <p>Every method answers the raw {@link Response} (bodies are JSON text) so that {@link
 * RunPodClient} sees the status, the {@code Retry-After} header and the RFC 9457 problem body of
 * every failure; the builder turns off the default exception mapper for the same reason.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RunPodApi {

  /** {@code {"pods":[...]}}; terminated pods are not listed. */
  @GET
  @Path("pods")
  Response listPods();

  @GET
  @Path("pods/{podId}")
  Response getPod(@PathParam("podId") String podId);

  /** 201 with the pod. */
  @POST
  @Path("pods")
  Response createPod(String createPodJson);

  /** {@code {"action":"start|stop|restart|terminate"}}: 200 with the pod, terminate 204. */
  @POST
  @Path("pods/{podId}/action")
  Response podAction(@PathParam("podId") String podId, String actionJson);

  /** 204. */
  @DELETE
  @Path("pods/{podId}")
  Response deletePod(@PathParam("podId") String podId);

  @GET
  @Path("templates")
  Response listTemplates();

  /** 201 with the template; a duplicate name is an error. */
  @POST
  @Path("templates")
  Response createTemplate(String createTemplateJson);

  /** Called as {@code include=AVAILABILITY&product=POD&count=1}. */
  @GET
  @Path("catalog/gpus")
  Response gpuCatalog(
      @QueryParam("include") String include,
      @QueryParam("product") String product,
      @QueryParam("count") int count);
}
