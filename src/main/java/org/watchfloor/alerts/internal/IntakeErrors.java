package org.watchfloor.alerts.internal;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.watchfloor.alerts.MalformedIntakeException;

/** Clear answers for what the alert API refuses; the counts of rows stored before a fault travel with it. */
@RestControllerAdvice(assignableTypes = {AlertController.class, QuarantineController.class})
class IntakeErrors {

    @ExceptionHandler(MalformedIntakeException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail malformed(MalformedIntakeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperties(Map.of("storedBeforeFault", e.partial()));
        return problem;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    ProblemDetail uploadTooLarge(MaxUploadSizeExceededException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The upload is larger than watchfloor.intake.max-body-size");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
