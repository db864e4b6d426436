(function(){
var rows=Array.prototype.slice.call(document.querySelectorAll("tr.change"));
var at=-1;
function go(step){
if(!rows.length){return;}
if(at>=0){rows[at].classList.remove("current");}
at=(at+step+rows.length)%rows.length;
var row=rows[at];
var box=row.closest("details");
if(box){box.open=true;}
row.classList.add("current");
row.scrollIntoView({block:"center"});
}
document.addEventListener("keydown",function(e){
if(e.ctrlKey||e.metaKey||e.altKey){return;}
if(e.key==="n"){go(1);}else if(e.key==="N"){go(-1);}
});
})();
