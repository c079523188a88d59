package dev.latchkey.auth.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.web.bind.annotation.RestController;

/**
 * Marks a controller of the admin API ({@code /admin/api/...}): its refusals become RFC
 * 9457 problem details with the fields at fault (see {@link AdminRequestException}).
 * Every route it maps must be described in the OpenAPI document
 * ({@code openapi/admin/*.json}); a test checks both ways.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface AdminApi {

}
