package fr.facteur.web;

import fr.facteur.invoice.InvoiceNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Errors of the pages shown as pages, in French (the API keeps its JSON: {@link ApiExceptionHandler}). */
@ControllerAdvice(assignableTypes = {OverviewController.class, UploadPage.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrors {

    @ExceptionHandler(InvoiceNotFoundException.class)
    public ModelAndView notFound(InvoiceNotFoundException e) {
        ModelAndView page = new ModelAndView("apercu/erreur", HttpStatus.NOT_FOUND);
        page.addObject("title", "Facture introuvable");
        page.addObject("detail", "Aucune facture ne porte ce numéro interne : elle n'existe pas, ou le lien est ancien.");
        return page;
    }
}
