package fr.facteur.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The upload page for users ({@code /televersement/}, behind the login like the API, with the pages' header). */
@Controller
public class UploadPage {

    @GetMapping("/televersement")
    public String root() {
        return "redirect:/televersement/";
    }

    @GetMapping("/televersement/")
    public String page() {
        return "televersement";
    }
}
