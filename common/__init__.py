"""What the guide's core (``guide/``) and the calculators (``calculators/``) share, standard library only
(it also runs in the browser, in Pyodide): French typography (``typography``), French numbers
(``numbers``), the page addresses (``site_map``), « vouliez-vous dire … » (``suggestions``) and an HTML
element builder that escapes by construction (``html``)."""
